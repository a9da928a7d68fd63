using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Meetings;

public sealed record MeetingDto(Guid Id, string OwnerParty, long Version, Visibility Visibility, IReadOnlyList<string> Invited, string Title, MeetingKind Kind,
    int? Number, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, bool Online, string? PlaceCode, string? PlaceAsWritten, string Location, string Agenda,
    IReadOnlyList<MeetingParticipant> Participants, bool Cancelled, string Language)
{
    public static MeetingDto From(Meeting m) => new(m.Id, m.OwnerParty, m.Version, m.Visibility, m.Audience, m.Title, m.Kind, m.Number, m.StartsAt, m.EndsAt,
        m.TimeZone, m.Online, m.PlaceCode, m.PlaceAsWritten, m.Location, m.Agenda, m.Participants, m.Cancelled, m.Language);
}

/// <summary>/api/v1/meetings, their calendar files, and each user's calendar feed.</summary>
public static class MeetingsApi
{
    public const string Path = "/api/v1/meetings";

    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Meetings").RequireAuthorization(Policies.Reader);

        group.MapGet("/", async (BorderlinkDb db, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok((await Paged.FromAsync(Filter(db, from, to).OrderBy(m => m.StartsAt).ThenBy(m => m.Id), page ?? 1, pageSize ?? 25, ct)).Map(MeetingDto.From)))
            .WithName("ListMeetings").WithSummary("Meetings the caller may see (its party's and those it is invited to), by start.");

        group.MapReadAndShare<Meeting, MeetingDto>("Meeting", "meeting (sharing it invites the audience parties)", MeetingDto.From);

        group.MapGet("/{id:guid}.ics", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await RecordLoader.LoadAsync<Meeting>(db, id, RecordOperation.Read, ct) is Outcome<Meeting>.Done { Value: var m }
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(MeetingCalendar.Write([m], m.Title)), MeetingCalendar.ContentType, $"meeting-{m.Id}.ics")
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("MeetingCalendarFile").WithSummary("The meeting as an iCalendar file, in its own time zone.").ProducesProblem(404);

        group.MapPost("/", async (BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock, IStringLocalizer<SharedResource> L, ScheduleMeeting.Request request, CancellationToken ct) =>
            {
                var outcome = await ScheduleMeeting.CreateAsync(db, gazetteer, clock, request, ct);
                return ApiResults.From(outcome, L, MeetingDto.From, m => m.Version, outcome is Outcome<Meeting>.Done d ? $"{Path}/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("ScheduleMeeting").WithSummary("Schedule a meeting: local start and end in timeZone (IANA); placeCode a code or a name (keepPlaceAsWritten keeps one the gazetteer does not know). A liaison may invite partner parties at once (invite).")
            .Produces<MeetingDto>(201).ProducesValidationProblem().ProducesProblem(403);

        group.MapPut("/{id:guid}", async (HttpRequest http, BorderlinkDb db, GazetteerIndex gazetteer, IStringLocalizer<SharedResource> L, Guid id, ScheduleMeeting.Request request,
                CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await ScheduleMeeting.ChangeAsync(db, gazetteer, id, version, request, ct), L, MeetingDto.From, m => m.Version)))
            .RequireAuthorization(Policies.Officer)
            .WithName("ChangeMeeting").WithSummary("Change or cancel a meeting of the caller's party (If-Match); invitees see the change.")
            .Produces<MeetingDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);

        app.MapPost("/api/v1/me/calendar-feed", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
                await MeetingCalendar.NewFeedAsync(db, clock, ct) is { } secret
                    ? Results.Ok(new { url = $"{http.Scheme}://{http.Host}/calendar/{secret}.ics" })
                    : ApiResults.Problem(L, StatusCodes.Status403Forbidden, "forbidden", "Problem.Forbidden"))
            .RequireAuthorization(Policies.Reader).WithTags("Meetings")
            .WithName("NewCalendarFeed").WithSummary("A new secret address for the caller's calendar program (the previous one stops working). Shown once.");

        app.MapGet("/calendar/{secret}.ics", async (BorderlinkDb db, UserManager<BorderlinkUser> users, IUserClaimsPrincipalFactory<BorderlinkUser> principals,
                TimeProvider clock, string secret, CancellationToken ct) =>
                await MeetingCalendar.FeedAsync(db, users, principals, secret, clock.GetUtcNow(), ct) is { } ics
                    ? Results.Text(ics, MeetingCalendar.ContentType)
                    : Results.NotFound())
            .AllowAnonymous().WithTags("Meetings")
            .WithName("CalendarFeed").WithSummary("A user's meetings for a calendar program; the secret in the address is the credential.");
        return app;
    }

    public static IQueryable<Meeting> Filter(BorderlinkDb db, DateTimeOffset? from, DateTimeOffset? to)
    {
        var meetings = db.Meetings.AsNoTracking();
        if (from is { } f) meetings = meetings.Where(m => m.EndsAt >= f);
        if (to is { } t) meetings = meetings.Where(m => m.StartsAt <= t);
        return meetings;
    }
}
