using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Cooperation;

public sealed record ActivityDto(Guid Id, string OwnerParty, long Version, Visibility Visibility, IReadOnlyList<string> Audience, ActivityKind Kind, string Title,
    string Subject, DateOnly StartsOn, DateOnly? EndsOn, string Location, string Participants, string Findings, string Language)
{
    public static ActivityDto From(JointActivity a) => new(a.Id, a.OwnerParty, a.Version, a.Visibility, a.Audience, a.Kind, a.Title, a.Subject, a.StartsOn, a.EndsOn,
        a.Location, a.Participants, a.Findings, a.Language);
}

public sealed record RecognitionDto(Guid Id, string OwnerParty, long Version, Visibility Visibility, IReadOnlyList<string> Audience, string Title, int Year,
    int Quarter, string PersonName, string PersonParty, string Agency, string Citation, string Language)
{
    public static RecognitionDto From(Recognition r) => new(r.Id, r.OwnerParty, r.Version, r.Visibility, r.Audience, r.Title, r.Year, r.Quarter, r.PersonName,
        r.PersonParty, r.Agency, r.Citation, r.Language);
}

/// <summary>/api/v1/activities (drills, trainings, exchanges) and /api/v1/recognitions (e.g. the quarterly Friendship Ambassador title).</summary>
public static class CooperationApi
{
    public static IEndpointRouteBuilder MapCooperationApi(this IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup("/api/v1/activities").WithTags("Cooperation").RequireAuthorization(Policies.Reader);
        activities.MapGet("/", async (BorderlinkDb db, ActivityKind? kind, int? year, CancellationToken ct) =>
                TypedResults.Ok((await Activities(db, kind, year).Take(500).ToListAsync(ct)).Select(ActivityDto.From).ToList()))
            .WithName("ListActivities").WithSummary("Drills, trainings and exchanges the caller may see, latest first (filters kind, year).");
        activities.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, CooperationLog.ActivityRequest request, CancellationToken ct) =>
            {
                var outcome = await CooperationLog.RecordActivityAsync(db, clock, request, ct);
                return ApiResults.From(outcome, L, ActivityDto.From, a => a.Version, outcome is Outcome<JointActivity>.Done d ? $"/api/v1/activities/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("RecordActivity").WithSummary("Record a drill (scenario, findings), training or personnel exchange; a liaison may share it at once (shareWith).")
            .Produces<ActivityDto>(201).ProducesValidationProblem().ProducesProblem(403);
        activities.MapReadAndShare<JointActivity, ActivityDto>("Activity", "drill, training or exchange", ActivityDto.From);

        var recognitions = app.MapGroup("/api/v1/recognitions").WithTags("Cooperation").RequireAuthorization(Policies.Reader);
        recognitions.MapGet("/", async (BorderlinkDb db, int? year, int? quarter, CancellationToken ct) =>
                TypedResults.Ok((await RecognitionsOf(db, year, quarter).Take(500).ToListAsync(ct)).Select(RecognitionDto.From).ToList()))
            .WithName("ListRecognitions").WithSummary("Recognitions the caller may see, latest quarter first (filters year, quarter).");
        recognitions.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, CooperationLog.RecognitionRequest request, CancellationToken ct) =>
            {
                var outcome = await CooperationLog.RecordRecognitionAsync(db, clock, request, ct);
                return ApiResults.From(outcome, L, RecognitionDto.From, r => r.Version, outcome is Outcome<Recognition>.Done d ? $"/api/v1/recognitions/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("RecordRecognition").WithSummary("Record a recognition (who, party, agency, year and quarter, citation); a liaison may share it at once.")
            .Produces<RecognitionDto>(201).ProducesValidationProblem().ProducesProblem(403);
        recognitions.MapReadAndShare<Recognition, RecognitionDto>("Recognition", "recognition", RecognitionDto.From);
        return app;
    }

    public static IQueryable<JointActivity> Activities(BorderlinkDb db, ActivityKind? kind, int? year)
    {
        var query = db.JointActivities.AsNoTracking();
        if (kind is { } k) query = query.Where(a => a.Kind == k);
        if (year is { } bad && !FieldChecks.IsCalendarYear(bad))
        {
            return query.Where(_ => false);
        }
        if (year is { } y)
        {
            var first = new DateOnly(y, 1, 1);
            var last = new DateOnly(y, 12, 31);
            query = query.Where(a => a.StartsOn >= first && a.StartsOn <= last);
        }
        return query.OrderByDescending(a => a.StartsOn).ThenByDescending(a => a.Id);
    }

    public static IQueryable<Recognition> RecognitionsOf(BorderlinkDb db, int? year, int? quarter)
    {
        var query = db.Recognitions.AsNoTracking();
        if (year is { } y) query = query.Where(r => r.Year == y);
        if (quarter is { } q) query = query.Where(r => r.Quarter == q);
        return query.OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).ThenBy(r => r.PersonName);
    }
}
