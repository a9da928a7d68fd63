using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Audit;

/// <summary>
/// One line of the append-only, hash-chained audit log. Written with the change it records, in its transaction, not yet
/// chained; the <see cref="AuditSequencer"/> chains committed lines shortly after, in the order they became visible. Its
/// content is never updated and it is never deleted: the database itself refuses (see the append-only triggers), except
/// the one update that chains it.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The order lines were written in (the database numbers them); not evidence of anything.</summary>
    public long Id { get; set; }

    /// <summary>Position in the chain, 1, 2, 3… with no gaps (a gap is itself evidence of tampering); null until chained.</summary>
    public long? Seq { get; set; }
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
    /// <summary>The hash of the line before it in the chain; empty until chained.</summary>
    public string PrevHash { get; set; } = "";
    /// <summary>This line's hash over its chain position, <see cref="PrevHash"/> and content; empty until chained.</summary>
    public string Hash { get; set; } = "";
}

/// <summary>The single row holding the end of the chain. The sequencer locks it to chain lines, one instance at a time.</summary>
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
        // Triggers (HandWrittenSql, AuditChainedAfterCommit) refuse DELETE (and TRUNCATE on PostgreSQL) and every UPDATE
        // but the one that chains a line. A later migration that rebuilds this table on SQLite (as EF Core does for some
        // column changes) drops them with the old table and has to create them again.
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        // Unique where chained; the lines still to chain are found through it too (Seq IS NULL).
        b.HasIndex(e => e.Seq).IsUnique();
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
