using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Permits;

public sealed record PermitDecisionDto(Guid Id, string Party, long PermitVersion, PermitDecision Decision, string Note, string DecidedBy, DateTimeOffset At)
{
    public static PermitDecisionDto From(PermitApproval a) => new(a.Id, a.OwnerParty, a.PermitVersion, a.Decision, a.Note, a.DecidedBy, a.UpdatedAt);
}

public sealed record PermitDto(Guid Id, string OwnerParty, long Version, string GatePair, string Applicant, string Consignee, SpecialItemCategory Category, string Item,
    double Quantity, string Unit, PackagingClass Packaging, bool TowardsChina, DateOnly ValidFrom, DateOnly ValidTo, string Language, bool Approved,
    IReadOnlyList<string> AwaitingParties, string? RejectedBy, IReadOnlyList<PermitDecisionDto> Decisions)
{
    public static PermitDto From(SpecialItemPermit p, PermitState s) => new(p.Id, p.OwnerParty, p.Version, p.GatePair, p.Applicant, p.Consignee, p.Category, p.Item,
        p.Quantity, p.Unit, p.Packaging, p.TowardsChina, p.ValidFrom, p.ValidTo, p.Language, s.Approved, s.AwaitingParties, s.RejectedBy,
        s.Decisions.Select(PermitDecisionDto.From).ToList());
}

/// <summary>/api/v1/permits — special-item permits and the two sides' quarantine decisions on them.</summary>
public static class PermitsApi
{
    public const string Path = "/api/v1/permits";

    public static IEndpointRouteBuilder MapPermitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Permits").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (BorderlinkDb db, string? gate, CancellationToken ct) =>
            {
                var query = db.SpecialItemPermits.AsNoTracking();
                if (!string.IsNullOrEmpty(gate)) query = query.Where(p => p.GatePair == gate);
                var permits = await PermitStates.WithStatesAsync(db, await query.OrderByDescending(p => p.ValidTo).Take(500).ToListAsync(ct), ct);
                return TypedResults.Ok(permits.Select(p => PermitDto.From(p.Permit, p.State)).ToList());
            })
            .WithName("ListPermits").WithSummary("Special-item permits the caller's party issued or must decide on, latest expiry first (filter gate).");
        group.MapGet("/{id:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await ResultAsync(db, L, await RecordLoader.LoadAsync<SpecialItemPermit>(db, id, RecordOperation.Read, ct), ct))
            .WithName("GetPermit").WithSummary("One permit with both sides' decisions on its current version.").Produces<PermitDto>().ProducesProblem(404);
        group.MapPost("/", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, CreatePermit.Request request, CancellationToken ct) =>
                await ResultAsync(db, L, await CreatePermit.HandleAsync(db, request, ct), ct))
            .RequireAuthorization(Policies.Officer)
            .WithName("IssuePermit").WithSummary("Issue a permit for samples, biological products, tissue, organs or blood through a gate pair of the caller's party; shared with the side across the gate.")
            .Produces<PermitDto>(201).ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", async (HttpRequest http, BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CreatePermit.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    await ResultAsync(db, L, await ChangePermit.HandleAsync(db, id, version, request, ct), ct)))
            .RequireAuthorization(Policies.Officer)
            .WithName("ChangePermit").WithSummary("Change a permit (If-Match); the new version needs both sides' approval again.")
            .Produces<PermitDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
        group.MapPost("/{id:guid}/decisions", async (HttpRequest http, BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, DecidePermit.Request request,
                CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await DecidePermit.HandleAsync(db, id, version, request, ct), L, PermitDecisionDto.From, null, $"{Path}/{id}")))
            .RequireAuthorization(Policies.Officer)
            .WithName("DecideOnPermit").WithSummary("A quarantine authority of either side approves or rejects the version read (If-Match); a rejection needs a note.")
            .Produces<PermitDecisionDto>().Produces<PermitDecisionDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
        return app;
    }

    private static async Task<IResult> ResultAsync(BorderlinkDb db, IStringLocalizer L, Outcome<SpecialItemPermit> outcome, CancellationToken ct)
    {
        if (outcome is not Outcome<SpecialItemPermit>.Done { Value: var permit }) return ApiResults.From(outcome, L, _ => 0);
        var state = await PermitStates.StateAsync(db, permit, ct);
        return ApiResults.From(outcome, L, p => PermitDto.From(p, state), p => p.Version, $"{Path}/{permit.Id}");
    }
}
