using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Minutes;

/// <summary>
/// The bilingual minutes of a meeting: two languages side by side, paragraph by paragraph, written by the host party and
/// shared with every party at the meeting. Once each of those parties has signed the current text the minutes are
/// locked; later changes are amendments — minutes of their own (<see cref="AmendsId"/>) with their own signatures.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/minutes/{Id}")]
[AlertWhenShared(Title = nameof(TitleA))]
public sealed class MeetingMinutes : CoordinationRecord
{
    public const string TypeName = "minutes";
    public const int TitleMax = 300;
    public const int ParagraphMax = 10_000;
    public const int ParagraphsMax = 300;

    public Guid MeetingId { get; set; }
    /// <summary>The original minutes this amends; null for the original.</summary>
    public Guid? AmendsId { get; set; }
    /// <summary>0 for the original, 1 for the first amendment, …</summary>
    public int AmendmentNumber { get; set; }
    /// <summary>The left-hand language (e.g. vi) and the right-hand one (e.g. zh-Hans).</summary>
    public required string LanguageA { get; set; }
    public required string LanguageB { get; set; }
    public required string TitleA { get; set; }
    public required string TitleB { get; set; }
    public List<MinutesParagraph> Paragraphs { get; set; } = [];
    /// <summary>The parties that sign, the owner included, stored as "|CN-GX|VN-09|".</summary>
    public string SigningParties { get; set; } = "";

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Signers => Codes.Split(SigningParties);

    /// <summary>A digest of what is signed (languages, titles, paragraphs), so a signature names the exact text.</summary>
    public string ContentHash()
    {
        var text = string.Join("\u001e", new[] { LanguageA, LanguageB, TitleA, TitleB }.Concat(Paragraphs.SelectMany(p => new[] { p.A, p.B })));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>One paragraph in both languages.</summary>
public sealed class MinutesParagraph
{
    public string A { get; set; } = "";
    public string B { get; set; } = "";
}

/// <summary>
/// A party's signature on one version of minutes: owned by the signing party, shared with every signing party, so each
/// node sees who signed what. A signature names the version and the digest of the text it signed.
/// </summary>
[RecordType(TypeName)]
[RecordPage(MeetingMinutes.TypeName, nameof(MinutesId))]
[AlertWhenShared(Title = nameof(SignatoryName))]
public sealed class MinutesSignature : CoordinationRecord
{
    public const string TypeName = "minutes-signature";
    public const int NameMax = 200;

    public Guid MinutesId { get; set; }
    public required string MinutesOwner { get; set; }
    public long MinutesVersion { get; set; }
    public required string ContentHash { get; set; }
    public required string SignatoryName { get; set; }
    public string SignatoryTitle { get; set; } = "";
    public DateTimeOffset SignedAt { get; set; }
}

/// <summary>Who has signed the current text, and whether the minutes are locked.</summary>
public sealed record MinutesState(IReadOnlyList<MinutesSignature> CurrentSignatures, IReadOnlyList<string> AwaitingParties, DateTimeOffset? LockedAt)
{
    public bool Locked => LockedAt is not null;

    public static MinutesState Of(MeetingMinutes minutes, IEnumerable<MinutesSignature> signatures)
    {
        var hash = minutes.ContentHash();
        var current = signatures.Where(s => s.MinutesId == minutes.Id && s.MinutesVersion == minutes.Version && s.ContentHash == hash)
            .OrderBy(s => s.SignedAt).ToList();
        var unsigned = minutes.Signers.Where(p => current.All(s => s.OwnerParty != p)).ToList();
        DateTimeOffset? lockedAt = unsigned.Count == 0 && current.Count > 0
            ? current.GroupBy(s => s.OwnerParty).Max(g => g.Min(s => s.SignedAt))
            : null;
        return new MinutesState(current, unsigned, lockedAt);
    }
}

internal sealed class MinutesConfig : IEntityTypeConfiguration<MeetingMinutes>
{
    public void Configure(EntityTypeBuilder<MeetingMinutes> b)
    {
        b.ConfigureRecord();
        b.Property(m => m.LanguageA).HasMaxLength(16);
        b.Property(m => m.LanguageB).HasMaxLength(16);
        b.Property(m => m.TitleA).HasMaxLength(MeetingMinutes.TitleMax);
        b.Property(m => m.TitleB).HasMaxLength(MeetingMinutes.TitleMax);
        b.Property(m => m.SigningParties).HasMaxLength(200);
        b.Ignore(m => m.Signers);
        b.HasIndex(m => m.MeetingId);
        // One number per amendment of a minutes: two amendments made at the same moment cannot both take the next one.
        b.HasIndex(m => new { m.AmendsId, m.AmendmentNumber }).IsUnique();
        b.OwnsMany(m => m.Paragraphs, p => p.ToJson());
    }
}

internal sealed class MinutesSignatureConfig : IEntityTypeConfiguration<MinutesSignature>
{
    public void Configure(EntityTypeBuilder<MinutesSignature> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.MinutesOwner).HasMaxLength(16);
        b.Property(s => s.ContentHash).HasMaxLength(64);
        b.Property(s => s.SignatoryName).HasMaxLength(MinutesSignature.NameMax);
        b.Property(s => s.SignatoryTitle).HasMaxLength(MinutesSignature.NameMax);
        b.HasIndex(s => s.MinutesId);
    }
}
