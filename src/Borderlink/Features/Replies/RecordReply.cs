using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Replies;

/// <summary>
/// An answer to another record — a partner's note, meeting, measure, minutes, permit… — by a party that sees it. It is
/// the answering party's own record: a partner's reply is shared with the record's owner; the owner's reply with
/// everyone who sees the record; a reply to a restricted record stays within its functions. It travels like any record,
/// shows as a thread under the record on both nodes, alerts the parties it reaches, and takes translations.
/// </summary>
[RecordType(TypeName)]
[RecordPage(nameof(AboutType), nameof(AboutId))]
[AlertWhenShared(Title = nameof(Text))]
public sealed class RecordReply : CoordinationRecord
{
    public const string TypeName = "record-reply";
    public const int TextMax = 4_000;

    /// <summary>The record type of what is answered (see <see cref="RecordTypes"/>).</summary>
    public required string AboutType { get; set; }
    public Guid AboutId { get; set; }
    /// <summary>The answered record's owner, who always sees the reply.</summary>
    public required string AboutOwner { get; set; }
    public required string Text { get; set; }
    public required string Language { get; set; }
}

internal sealed class RecordReplyConfig : IEntityTypeConfiguration<RecordReply>
{
    public void Configure(EntityTypeBuilder<RecordReply> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.AboutType).HasMaxLength(60);
        b.Property(r => r.AboutOwner).HasMaxLength(16);
        b.Property(r => r.Text).HasMaxLength(RecordReply.TextMax);
        b.Property(r => r.Language).HasMaxLength(16);
        b.HasIndex(r => new { r.AboutId, r.CreatedAt });
    }
}
