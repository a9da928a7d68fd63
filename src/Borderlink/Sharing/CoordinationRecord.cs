using System.Text.Json.Serialization;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Sharing;

/// <summary>Who may see a coordination record besides its owner (DESIGN.md §3).</summary>
public enum Visibility
{
    /// <summary>Users of the owner party only.</summary>
    Internal = 0,
    /// <summary>The owner party and the listed partner parties.</summary>
    Partners = 1,
    /// <summary>Only agencies of the listed functions, in the owner party and the listed parties.</summary>
    Restricted = 2,
}

/// <summary>
/// The common base of every coordination record: one owner party, one writer, a version that only grows,
/// and a visibility enforced by the query filter in <see cref="VisibilityFilter"/>.
/// </summary>
public abstract class CoordinationRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string OwnerParty { get; set; }
    public Guid OwnerAgencyId { get; set; }
    /// <summary>Starts at 1 and grows by one on every saved change; also the optimistic concurrency token.</summary>
    public long Version { get; set; }
    public Visibility Visibility { get; set; }
    /// <summary>Partner parties allowed to see the record, stored as "|CN-GX|VN-09|" so one LIKE-style test works on both engines.</summary>
    public string AudienceParties { get; set; } = "";
    /// <summary>Agency functions allowed to see a Restricted record, stored as "|public-security|border-defence|".</summary>
    public string RestrictedFunctions { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    /// <summary>
    /// Why the owner shares this record's personal data with partner nodes. Null (the default) keeps every
    /// <see cref="PersonalAttribute"/> field at home: partners get the record without them.
    /// </summary>
    public string? PersonalDataSharedBecause { get; set; }
    /// <summary>Null for this node's own records; the sending node's id for a read-only replica of a partner's record.</summary>
    public string? OriginNode { get; set; }

    /// <summary>The stable record type name (its <see cref="RecordTypeAttribute"/>), used in the audit log and the exchange protocol.</summary>
    [JsonIgnore]
    public string RecordType => RecordTypes.NameOf(GetType());

    [JsonIgnore]
    public IReadOnlyList<string> Audience => Codes.Split(AudienceParties);
    [JsonIgnore]
    public IReadOnlyList<string> Restriction => Codes.Split(RestrictedFunctions);
    [JsonIgnore]
    public bool IsReplica => OriginNode is not null;

    public void SetVisibility(Visibility visibility, IEnumerable<string> audience, IEnumerable<string> restrictedTo)
    {
        Visibility = visibility;
        AudienceParties = visibility == Visibility.Internal ? "" : Codes.JoinSorted(audience.Where(p => p != OwnerParty));
        RestrictedFunctions = visibility == Visibility.Restricted ? Codes.JoinSorted(restrictedTo) : "";
    }

    /// <summary>
    /// Shares this record (an answer, a translation, a request about <paramref name="original"/>) with these parties, never
    /// wider than the original: internal when there is nobody, within the original's functions when it is restricted.
    /// </summary>
    public void ShareLike(CoordinationRecord original, IReadOnlyList<string> audience) =>
        SetVisibility(audience.Count == 0 ? Visibility.Internal : original.Visibility == Visibility.Restricted ? Visibility.Restricted : Visibility.Partners,
            audience, original.Restriction);

}

internal static class RecordConfiguration
{
    /// <summary>The columns every coordination record shares.</summary>
    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> b) where T : CoordinationRecord
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.OwnerParty).HasMaxLength(16);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.AudienceParties).HasMaxLength(400);
        b.Property(r => r.RestrictedFunctions).HasMaxLength(400);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        b.Property(r => r.UpdatedBy).HasMaxLength(256);
        b.HasIndex(r => new { r.OwnerParty, r.UpdatedAt });
        b.Ignore(r => r.Audience);
        b.Ignore(r => r.Restriction);
        b.Ignore(r => r.RecordType);
        b.Ignore(r => r.IsReplica);
        b.Property(r => r.OriginNode).HasMaxLength(64);
        b.Property(r => r.PersonalDataSharedBecause).HasMaxLength(1000);
    }
}
