using Borderlink.Data;
using Borderlink.Features.Meetings;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Minutes;

/// <summary>The host party's liaison writes a meeting's minutes in two languages, for every party of the meeting to sign.</summary>
public static class CreateMinutes
{
    public sealed record Paragraph(string? A, string? B);

    public sealed record Request(string? LanguageA, string? LanguageB, string? TitleA, string? TitleB, IReadOnlyList<Paragraph>? Paragraphs);

    public static async Task<Outcome<MeetingMinutes>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid meetingId, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<Meeting>(db, meetingId, RecordOperation.Edit, ct);
        if (loaded is not Outcome<Meeting>.Done { Value: var meeting })
            return loaded is Outcome<Meeting>.Forbidden ? new Outcome<MeetingMinutes>.Forbidden() : new Outcome<MeetingMinutes>.NotFound();
        if (!db.Viewer.IsLiaison) return await MinutesRules.RefuseAsync(db, meeting, "write minutes", ct);

        var partners = meeting.Audience.Concat(meeting.Participants.Select(p => p.Party)).Where(p => p != meeting.OwnerParty)
            .Distinct(StringComparer.Ordinal).ToList();
        var errors = MinutesRules.Check(request);
        if (partners.Count > 0)
            errors.AddRange(await VisibilityRules.ValidateAsync(db, meeting.OwnerParty, Visibility.Partners, partners, [], clock, ct));
        if (errors.Count > 0) return new Outcome<MeetingMinutes>.Invalid(errors);

        var minutes = new MeetingMinutes
        {
            OwnerParty = meeting.OwnerParty, OwnerAgencyId = db.Viewer.AgencyId!.Value, MeetingId = meeting.Id, LanguageA = "", LanguageB = "", TitleA = "", TitleB = "",
            SigningParties = Codes.JoinSorted(partners.Append(meeting.OwnerParty)),
        };
        MinutesRules.Apply(minutes, request);
        minutes.SetVisibility(partners.Count > 0 ? Visibility.Partners : Visibility.Internal, partners, []);
        db.Minutes.Add(minutes);
        await db.SaveChangesAsync(ct);
        return new Outcome<MeetingMinutes>.Done(minutes, Created: true);
    }
}
