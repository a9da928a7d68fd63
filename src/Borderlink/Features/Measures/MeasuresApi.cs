using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Measures;

public sealed record MeasureDto(Guid Id, string OwnerParty, Guid OwnerAgencyId, long Version, IReadOnlyList<string> Concerns, string What, string Language,
    DateOnly DueOn, MeasureStatus Status, bool Overdue, MeasureSource SourceKind, Guid SourceId, Guid? MeetingId, IReadOnlyList<MeasureProgress> Progress)
{
    public static MeasureDto From(AgreedMeasure m, DateOnly ownersToday) => new(m.Id, m.OwnerParty, m.OwnerAgencyId, m.Version, m.Audience, m.What, m.Language,
        m.DueOn, m.Status, m.IsOverdueOn(ownersToday), m.SourceKind, m.SourceId, m.MeetingId, m.Progress);
}

/// <summary>How the measures agreed at one meeting stand.</summary>
public sealed record MeasureCounts(int Total, int Planned, int InProgress, int Done, int Dropped, int Overdue)
{
    public static MeasureCounts Of(IReadOnlyCollection<AgreedMeasure> measures, Func<string, DateOnly> today) => new(measures.Count,
        measures.Count(m => m.Status == MeasureStatus.Planned), measures.Count(m => m.Status == MeasureStatus.InProgress),
        measures.Count(m => m.Status == MeasureStatus.Done), measures.Count(m => m.Status == MeasureStatus.Dropped),
        measures.Count(m => m.IsOverdueOn(today(m.OwnerParty))));
}

public sealed record FollowUpDto(Guid MeetingId, string Title, int? Number, MeasureCounts Counts, IReadOnlyList<MeasureDto> Measures);

/// <summary>/api/v1/measures — agreed measures, their progress, and the follow-up of a meeting (e.g. a JWC conference).</summary>
public static class MeasuresApi
{
    public const string Path = "/api/v1/measures";

    public static IEndpointRouteBuilder MapMeasuresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Measures").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (BorderlinkDb db, TimeProvider clock, string? owner, MeasureStatus? status, bool? overdue, Guid? meetingId, CancellationToken ct) =>
            {
                var today = await MeasureRules.TodayByPartyAsync(db, clock, ct);
                var list = await Query(db, owner, status, meetingId).Take(1000).ToListAsync(ct);
                if (overdue is { } o) list = list.Where(m => m.IsOverdueOn(today(m.OwnerParty)) == o).ToList();
                return TypedResults.Ok(list.Select(m => MeasureDto.From(m, today(m.OwnerParty))).ToList());
            })
            .WithName("ListMeasures").WithSummary("Measures the caller may see — its party's and partners' that concern it — by due date (filters owner, status, overdue, meetingId).");

        group.MapGet("/{id:guid}", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await ResultAsync(db, clock, L, await RecordLoader.LoadAsync<AgreedMeasure>(db, id, RecordOperation.Read, ct), ct))
            .WithName("GetMeasure").WithSummary("One measure with its progress reports; 404 when not visible.").Produces<MeasureDto>().ProducesProblem(404);

        group.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, CreateMeasure.Request request, CancellationToken ct) =>
                await ResultAsync(db, clock, L, await CreateMeasure.HandleAsync(db, clock, request, ct), ct))
            .RequireAuthorization(Policies.Officer)
            .WithName("TakeOnMeasure")
            .WithSummary("Take on a measure for the caller's party, agreed in a meeting, minutes, agreement or drill it was party to; shared with the other parties there (or those named in concerns).")
            .Produces<MeasureDto>(201).ProducesValidationProblem().ProducesProblem(403);

        group.MapPut("/{id:guid}", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CreateMeasure.Request request,
                CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    await ResultAsync(db, clock, L, await ChangeMeasure.HandleAsync(db, id, version, request, ct), ct)))
            .RequireAuthorization(Policies.Officer)
            .WithName("ChangeMeasure").WithSummary("Change what, due date or agency of a measure the caller's party owns (If-Match); a partner's answers 403.")
            .Produces<MeasureDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        group.MapPost("/{id:guid}/progress", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, ReportMeasureProgress.Request request,
                CancellationToken ct) =>
                await ResultAsync(db, clock, L, await ReportMeasureProgress.HandleAsync(db, clock, id, request, ct), ct))
            .RequireAuthorization(Policies.Officer)
            .WithName("ReportMeasureProgress").WithSummary("The owner reports progress: status (Planned, InProgress, Done, Dropped), note, evidence. A partner's answers 403.")
            .Produces<MeasureDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        app.MapGet("/api/v1/meetings/{meetingId:guid}/follow-up", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid meetingId,
                CancellationToken ct) =>
                await FollowUpAsync(db, clock, meetingId, ct) is { } followUp
                    ? Results.Ok(followUp)
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .RequireAuthorization(Policies.Reader).WithTags("Measures")
            .WithName("MeetingFollowUp").WithSummary("Every measure agreed at a meeting (e.g. the 13th JWC conference) that the caller may see, and how many are planned, in progress, done, dropped, overdue.")
            .Produces<FollowUpDto>().ProducesProblem(404);
        return app;
    }

    public static IQueryable<AgreedMeasure> Query(BorderlinkDb db, string? owner, MeasureStatus? status, Guid? meetingId)
    {
        var query = db.AgreedMeasures.AsNoTracking();
        if (!string.IsNullOrEmpty(owner)) query = query.Where(m => m.OwnerParty == owner);
        if (status is { } s) query = query.Where(m => m.Status == s);
        if (meetingId is { } id) query = query.Where(m => m.MeetingId == id);
        return query.OrderBy(m => m.DueOn).ThenBy(m => m.Id);
    }

    public static async Task<FollowUpDto?> FollowUpAsync(BorderlinkDb db, TimeProvider clock, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return null;
        var today = await MeasureRules.TodayByPartyAsync(db, clock, ct);
        var measures = await Query(db, null, null, meetingId).ToListAsync(ct);
        return new FollowUpDto(meeting.Id, meeting.Title, meeting.Number, MeasureCounts.Of(measures, today),
            measures.Select(m => MeasureDto.From(m, today(m.OwnerParty))).ToList());
    }

    private static async Task<IResult> ResultAsync(BorderlinkDb db, TimeProvider clock, IStringLocalizer L, Outcome<AgreedMeasure> outcome, CancellationToken ct)
    {
        var today = await MeasureRules.TodayByPartyAsync(db, clock, ct);
        return ApiResults.From(outcome, L, m => MeasureDto.From(m, today(m.OwnerParty)), m => m.Version,
            outcome is Outcome<AgreedMeasure>.Done { Created: true, Value: var created } ? $"{Path}/{created.Id}" : null);
    }
}
