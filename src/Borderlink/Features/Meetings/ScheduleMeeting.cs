using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Meetings;

/// <summary>Officers schedule and change their party's meetings; a liaison invites partner parties (the audience) at once or later.</summary>
public static class ScheduleMeeting
{
    public sealed record Participant(string? Party, string? Agency, string? People);

    public sealed record Request(string? Title, MeetingKind Kind, int? Number, DateTime? LocalStart, DateTime? LocalEnd, string? TimeZone, bool Online,
        string? PlaceCode, string? Location, string? Agenda, IReadOnlyList<Participant>? Participants, string? Language, bool Cancelled = false,
        IReadOnlyList<string>? Invite = null, bool KeepPlaceAsWritten = false);

    /// <remarks>
    /// <see cref="Request.PlaceCode"/> is a code or a name in any language or spelling (a place, a party or a gate pair);
    /// one the gazetteer does not know is refused with the nearest names, or kept as written with <see cref="Request.KeepPlaceAsWritten"/>.
    /// </remarks>
    public static async Task<Outcome<Meeting>> CreateAsync(BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock, Request request, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        var invite = request.Invite ?? [];
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer
            || (invite.Count > 0 && !viewer.IsLiaison))
        {
            return new Outcome<Meeting>.Forbidden();
        }
        var meeting = new Meeting { OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, Title = "", TimeZone = "", Language = "" };
        var errors = await ApplyAsync(db, gazetteer, meeting, request, invite, ct);
        if (invite.Count > 0)
            errors.AddRange(await VisibilityRules.ValidateAsync(db, viewer.Party, Visibility.Partners, invite, [], clock, ct));
        if (errors.Count > 0) return new Outcome<Meeting>.Invalid(errors);
        meeting.SetVisibility(invite.Count > 0 ? Visibility.Partners : Visibility.Internal, invite, []);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return new Outcome<Meeting>.Done(meeting, Created: true);
    }

    public static async Task<Outcome<Meeting>> ChangeAsync(BorderlinkDb db, GazetteerIndex gazetteer, Guid id, long version, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<Meeting>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<Meeting>.Done { Value: var meeting }) return loaded;
        var errors = await ApplyAsync(db, gazetteer, meeting, request, meeting.Audience, ct);
        if (errors.Count > 0) return new Outcome<Meeting>.Invalid(errors);
        return await RecordLoader.SaveVersionedAsync(db, meeting, version, ct);
    }

    /// <remarks>
    /// A participant of another party must be among those the meeting is shared with (<paramref name="invited"/>):
    /// naming a party at the table and not telling it would drop the writer's intent without a word.
    /// </remarks>
    private static async Task<List<FieldError>> ApplyAsync(BorderlinkDb db, GazetteerIndex gazetteer, Meeting meeting, Request r, IReadOnlyCollection<string> invited, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(r.Title)) errors.Add(new("title", "Error.Required"));
        else if (r.Title.Length > Meeting.TitleMax) errors.Add(new("title", "Error.TooLong", Meeting.TitleMax));
        if (r.Agenda?.Length > Meeting.TextMax) errors.Add(new("agenda", "Error.TooLong", Meeting.TextMax));
        if (!Enum.IsDefined(r.Kind)) errors.Add(new("kind", "Error.UnknownKind"));
        if (r.Number is < 1 or > 999) errors.Add(new("number", "Error.CountRange", 999));
        var zone = TimeDisplay.Find(r.TimeZone);
        if (zone is null) errors.Add(new("timeZone", "Error.UnknownZone"));
        if (r.LocalStart is null) errors.Add(new("start", "Error.Required"));
        if (r.LocalEnd is null) errors.Add(new("end", "Error.Required"));
        if (r.LocalStart is { } s && r.LocalEnd is { } e && e <= s) errors.Add(new("end", "Error.EndBeforeStart"));
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        var (place, asWritten) = await ResolvePlace.FieldAsync(gazetteer, errors, "placeCode", r.PlaceCode, r.KeepPlaceAsWritten, ResolvePlace.Kinds(gates: true), ct);
        var parties = await db.Parties.AsNoTracking().ToListAsync(ct);
        foreach (var p in r.Participants ?? [])
        {
            var party = parties.FirstOrDefault(x => x.Code == p.Party);
            if (party is null) errors.Add(new("participants", "Error.UnknownParty", p.Party ?? ""));
            else if (party.Code != meeting.OwnerParty && !invited.Contains(party.Code)) errors.Add(new("participants", "Error.ParticipantNotInvited", party.Name()));
        }
        if (errors.Count > 0) return errors;

        meeting.Title = r.Title!.Trim();
        meeting.Kind = r.Kind;
        meeting.Number = r.Number;
        meeting.TimeZone = zone!.Id;
        meeting.StartsAt = TimeDisplay.Instant(r.LocalStart!.Value, zone);
        meeting.EndsAt = TimeDisplay.Instant(r.LocalEnd!.Value, zone);
        meeting.Online = r.Online;
        meeting.PlaceCode = place;
        meeting.PlaceAsWritten = asWritten;
        meeting.Location = r.Location?.Trim() ?? "";
        meeting.Agenda = r.Agenda?.Trim() ?? "";
        meeting.Participants = (r.Participants ?? []).Select(p => new MeetingParticipant { Party = p.Party!, Agency = p.Agency?.Trim() ?? "", People = p.People?.Trim() ?? "" }).ToList();
        meeting.Cancelled = r.Cancelled;
        meeting.Language = Languages.Canonical(r.Language)!;
        return errors;
    }
}
