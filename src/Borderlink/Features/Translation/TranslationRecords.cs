using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Translation;

/// <summary>
/// "Please translate this text into Chinese": asked by a party about a text field of a record it may see. Owned by the
/// asking party and shared with the record's owner, so either side's translators may work it. It is done when a
/// translation of the current text into that language exists; the asking party may withdraw it.
/// </summary>
[RecordType(TypeName)]
[RecordPage(nameof(TargetType), nameof(TargetId))]
[AlertWhenShared(Title = nameof(Note))]
public sealed class TranslationRequest : CoordinationRecord
{
    public const string TypeName = "translation-request";
    public const int NoteMax = 1_000;

    public required string TargetType { get; set; }
    public Guid TargetId { get; set; }
    public required string Field { get; set; }
    public required string IntoLanguage { get; set; }
    public string Note { get; set; } = "";
    public bool Withdrawn { get; set; }
}

/// <summary>
/// A translation of one text field of a record into one language, by a translator of any party that sees the record.
/// It is seen exactly by those who see the record (never more), and names the digest of the text it translated so a
/// later change of the original marks it outdated.
/// </summary>
[RecordType(TypeName)]
[RecordPage(nameof(TargetType), nameof(TargetId))]
[AlertWhenShared(Title = nameof(Text))]
public sealed class TextTranslation : CoordinationRecord
{
    public const string TypeName = "text-translation";
    public const int TextMax = 20_000;

    public required string TargetType { get; set; }
    public Guid TargetId { get; set; }
    public required string Field { get; set; }
    public required string Language { get; set; }
    public required string Text { get; set; }
    public required string SourceHash { get; set; }
    public string TranslatedBy { get; set; } = "";
}

/// <summary>A standard term in the four languages, kept by this node's liaisons beside the terms the reference data gives.</summary>
public sealed class GlossaryTerm : Reference.INamed
{
    public const int TermMax = 300;

    public required string Code { get; set; }
    public required string Category { get; set; }
    public required string NameEn { get; set; }
    public string NameVi { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameFr { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

internal sealed class TranslationRequestConfig : IEntityTypeConfiguration<TranslationRequest>
{
    public void Configure(EntityTypeBuilder<TranslationRequest> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.TargetType).HasMaxLength(64);
        b.Property(r => r.Field).HasMaxLength(40);
        b.Property(r => r.IntoLanguage).HasMaxLength(16);
        b.Property(r => r.Note).HasMaxLength(TranslationRequest.NoteMax);
        b.HasIndex(r => new { r.TargetId, r.Field });
    }
}

internal sealed class TextTranslationConfig : IEntityTypeConfiguration<TextTranslation>
{
    public void Configure(EntityTypeBuilder<TextTranslation> b)
    {
        b.ConfigureRecord();
        b.Property(t => t.TargetType).HasMaxLength(64);
        b.Property(t => t.Field).HasMaxLength(40);
        b.Property(t => t.Language).HasMaxLength(16);
        b.Property(t => t.Text).HasMaxLength(TextTranslation.TextMax);
        b.Property(t => t.SourceHash).HasMaxLength(64);
        b.Property(t => t.TranslatedBy).HasMaxLength(256);
        b.HasIndex(t => new { t.TargetId, t.Field, t.Language });
    }
}

internal sealed class GlossaryTermConfig : IEntityTypeConfiguration<GlossaryTerm>
{
    public void Configure(EntityTypeBuilder<GlossaryTerm> b)
    {
        b.HasKey(t => t.Code);
        b.Property(t => t.Code).HasMaxLength(60);
        b.Property(t => t.Category).HasMaxLength(40);
        b.Property(t => t.NameEn).HasMaxLength(GlossaryTerm.TermMax);
        b.Property(t => t.NameVi).HasMaxLength(GlossaryTerm.TermMax);
        b.Property(t => t.NameZh).HasMaxLength(GlossaryTerm.TermMax);
        b.Property(t => t.NameFr).HasMaxLength(GlossaryTerm.TermMax);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}
