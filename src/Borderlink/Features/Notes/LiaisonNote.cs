using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Notes;

/// <summary>
/// A free-text message between liaison officers: the first coordination record type, and the shape later ones follow.
/// The body stays in the language it was written in; translations are added beside it.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/notes/{Id}")]
[AlertWhenShared(Title = nameof(Title))]
public sealed class LiaisonNote : CoordinationRecord
{
    public const string TypeName = "liaison-note";
    public const int TitleMax = 200;
    public const int BodyMax = 20_000;

    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>Culture name of the original text (vi, zh-Hans, en, fr).</summary>
    public required string Language { get; set; }
    /// <summary>A language a translation has been asked for, or null.</summary>
    public string? TranslationRequested { get; set; }
    public List<NoteTranslation> Translations { get; set; } = [];
}

public sealed class NoteTranslation
{
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string TranslatedBy { get; set; } = "";
    public DateTimeOffset TranslatedAt { get; set; }
}

internal sealed class LiaisonNoteConfig : IEntityTypeConfiguration<LiaisonNote>
{
    public void Configure(EntityTypeBuilder<LiaisonNote> b)
    {
        b.ConfigureRecord();
        b.Property(n => n.Title).HasMaxLength(LiaisonNote.TitleMax);
        b.Property(n => n.Body).HasMaxLength(LiaisonNote.BodyMax);
        b.Property(n => n.Language).HasMaxLength(16);
        b.Property(n => n.TranslationRequested).HasMaxLength(16);
        b.OwnsMany(n => n.Translations, t => t.ToJson());
    }
}
