using Borderlink.Data;
using Borderlink.Features.Gates.Map;
using Borderlink.Features.Reference;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Gates;

public sealed record GateChangeDto(Guid Id, string GatePair, string Party, GateFlow Flow, GateState State, DateTimeOffset EffectiveFrom, string? Hours,
    string Conditions, string Reason, string Language, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static GateChangeDto From(GateStatusChange c) =>
        new(c.Id, c.GatePair, c.OwnerParty, c.Flow, c.State, c.EffectiveFrom, c.Hours, c.Conditions, c.Reason, c.Language, c.CreatedAt, c.CreatedBy);
}

public sealed record FlowStatusDto(string Party, GateFlow Flow, GateChangeDto? Current, GateChangeDto? Next);

/// <summary>Where a pair is (WGS 84), how precisely that is known, and the source of the figure.</summary>
public sealed record GateLocationDto(double Latitude, double Longitude, double PrecisionKm, string Basis);

public sealed record GatePairStatusDto(string Code, string VnParty, string CnParty, string Name, GateLocationDto? Location, IReadOnlyList<FlowStatusDto> Flows)
{
    public static GatePairStatusDto From(GatePairStatus s) => new(s.Pair.Code, s.Pair.VnParty, s.Pair.CnParty, s.Pair.NameEn,
        BorderGeography.Instance.Gates.TryGetValue(s.Pair.Code, out var at) ? new GateLocationDto(at.Latitude, at.Longitude, at.PrecisionKm, at.Basis) : null,
        s.Flows.Select(f => new FlowStatusDto(f.Party, f.Flow, f.Current is null ? null : GateChangeDto.From(f.Current), f.Next is null ? null : GateChangeDto.From(f.Next))).ToList());
}

/// <summary>/api/v1/gates: how each gate pair stands, its history, and changes by the side that runs each gate.</summary>
public static class GatesApi
{
    public const string Path = "/api/v1/gates";

    public static IEndpointRouteBuilder MapGatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Gates").RequireAuthorization(Policies.Reader);

        group.MapGet("/", async (BorderlinkDb db, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok((await GateQueries.AllAsync(db, clock.GetUtcNow(), ct: ct)).Select(GatePairStatusDto.From).ToList()))
            .WithName("ListGateStatus").WithSummary("Every gate pair with each side's state per flow now and the next announced change (what the caller may see).");

        group.MapGet("/map.svg", async (BorderlinkDb db, TimeProvider clock, ReferenceCache reference, IStringLocalizer<SharedResource> L, string? view,
                string? overlay, CancellationToken ct) =>
            {
                var (pairs, figures) = await MapOverlays.ReadAsync(db, clock, MapOverlays.Parse(overlay), L, ct);
                var names = await reference.GetAsync(ct);
                var svg = BorderMapSvg.Render(MapView.For(view, pairs.Select(p => p.Pair).ToList()), pairs, names.PartyName, L, standalone: true,
                    overlay: figures);
                return Results.Text(svg, "image/svg+xml; charset=utf-8");
            })
            .WithName("GateMap")
            .WithSummary("The border map as an SVG document in the caller's language (Accept-Language): the whole border, or view=<party> (VN-09, CN-GX…) for one province's stretch; overlay=congestion, positives or quarantine adds each gate's figure for today.")
            .Produces<string>(200, "image/svg+xml");

        group.MapGet("/{code}/history", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, string code, CancellationToken ct) =>
                await db.GatePairs.FindAsync([code], ct) is null
                    ? ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound")
                    : Results.Ok((await GateQueries.HistoryAsync(db, code, ct)).Select(GateChangeDto.From).ToList()))
            .WithName("GateHistory").WithSummary("Every change of one gate pair the caller may see, latest effective first.")
            .Produces<List<GateChangeDto>>().ProducesProblem(404);

        group.MapPost("/{code}/changes", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, string code, ChangeGateStatus.Request request,
                CancellationToken ct) =>
            {
                var outcome = await ChangeGateStatus.HandleAsync(db, clock, code, request, ct);
                var location = outcome is Outcome<GateStatusChange>.Done ? $"{Path}/{code}/history" : null;
                return ApiResults.From(outcome, L, GateChangeDto.From, c => c.Version, location);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("ChangeGateStatus")
            .WithSummary("Record how one flow stands at the caller's side of a pair from effectiveFrom (UTC; default now). Published to the other side at once.")
            .Produces<GateChangeDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        return app;
    }
}
