using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Audit;

/// <summary>One line of the append-only, hash-chained audit log. Never updated, never deleted.</summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, 1, 2, 3… with no gaps; a gap is itself evidence of tampering.</summary>
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string? UserId { get; set; }
    public string? Party { get; set; }
    public Guid? AgencyId { get; set; }
    public required string Action { get; set; }
    public string? RecordType { get; set; }
    public Guid? RecordId { get; set; }
    public required string Outcome { get; set; }
    public string? Detail { get; set; }
    /// <summary>The client's address for a line written in a request (behind a listed proxy, the client's, not the proxy's); null for workers.</summary>
    public string? Client { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>The single row holding the end of the chain. Updating it first in a transaction serialises appenders on both engines.</summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long LastSeq { get; set; }
    public string LastHash { get; set; } = "";
}

public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Share = "share";
    public const string ReadRestricted = "read-restricted";
    public const string Refused = "refused";
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string SystemAccess = "system-access";
    public const string Admin = "admin";
    public const string Escalated = "escalated";
    public const string Reminded = "reminded";
    public const string Logout = "logout";
    public const string SituationImport = "situation-import";
    public const string ReplicaApplied = "replica-applied";
    public const string ReplicaStale = "replica-stale";
    public const string ReplicaRetracted = "replica-retracted";
    public const string ReplicaStored = "replica-stored";
    public const string ReplicaUnreadable = "replica-unreadable";

    /// <summary>Every action, for the audit page's filter and words ("AuditAction." + action) in four languages.</summary>
    public static readonly string[] All = [Create, Update, Delete, Share, ReadRestricted, Refused, Login, LoginFailed, SystemAccess, Admin, Escalated, Reminded,
        Logout, SituationImport, ReplicaApplied, ReplicaStale, ReplicaRetracted, ReplicaStored, ReplicaUnreadable];
}

public static class AuditOutcomes
{
    public const string Ok = "ok";
    public const string Denied = "denied";
    public const string NotFound = "not-found";
    public const string Failed = "failed";

    /// <summary>Every outcome, with words ("AuditOutcome." + outcome) in four languages.</summary>
    public static readonly string[] All = [Ok, Denied, NotFound, Failed];
}

internal sealed class AuditEntryConfig : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        // Triggers made by the AuditAppendOnly migrations refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL). A later
        // migration that rebuilds this table on SQLite (as EF Core does for some column changes) drops them with the
        // old table and has to create them again.
        b.HasKey(e => e.Seq);
        b.Property(e => e.Seq).ValueGeneratedNever();
        b.HasIndex(e => new { e.Party, e.At });
        b.HasIndex(e => e.RecordId);
        b.Property(e => e.Client).HasMaxLength(64);
    }
}

internal sealed class AuditHeadConfig : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.HasData(new AuditHead { Id = 1, LastSeq = 0, LastHash = "" });
    }
}
