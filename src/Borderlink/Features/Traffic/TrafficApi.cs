using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Traffic;

public sealed record TrafficDto(Guid Id, string OwnerParty, string GatePair, DateOnly Date, int? Hour, int PeopleIn, int PeopleOut, int Vehicles, int TrucksWaiting,
    int? ClearanceMinutes, int TrucksWaitingLimit, int? ClearanceMinutesLimit, bool Congested, long Version)
{
    public static TrafficDto From(GateTraffic t) => new(t.Id, t.OwnerParty, t.GatePair, t.Date, t.Hour, t.PeopleIn, t.PeopleOut, t.Vehicles, t.TrucksWaiting,
        t.ClearanceMinutes, t.TrucksWaitingLimit, t.ClearanceMinutesLimit, t.Congested, t.Version);
}

/// <summary>/api/v1/gates/{code}/traffic — flows and congestion at a gate, both sides.</summary>
public static class TrafficApi
{
    public static IEndpointRouteBuilder MapTrafficApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/gates/{code}").WithTags("Traffic").RequireAuthorization(Policies.Reader);
        group.MapGet("/traffic", async (BorderlinkDb db, string code, DateOnly? from, DateOnly? to, CancellationToken ct) =>
                TypedResults.Ok((await Query(db, code, from, to).Take(2000).ToListAsync(ct)).Select(TrafficDto.From).ToList()))
            .WithName("GateTraffic").WithSummary("Daily and hourly flows at a gate: the caller's side's and the other side's it shares (filters from, to).");
        group.MapPost("/traffic", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, string code, RecordTraffic.Request request, CancellationToken ct) =>
                ApiResults.From(await RecordTraffic.HandleAsync(db, clock, code, request, ct), L, TrafficDto.From, t => t.Version))
            .RequireAuthorization(Policies.Officer)
            .WithName("RecordGateTraffic").WithSummary("Record (or correct) the caller's side's flows for a day or an hour; the same period again replaces the figures. Gate systems may push it with a gate token.")
            .Produces<TrafficDto>().Produces<TrafficDto>(201).ProducesValidationProblem().ProducesProblem(403);
        group.MapGet("/congestion-threshold", async (BorderlinkDb db, string code, CancellationToken ct) =>
                TypedResults.Ok(await RecordTraffic.ThresholdAsync(db, code, db.Viewer.Party ?? "", ct)))
            .WithName("CongestionThreshold").WithSummary("The caller's side's thresholds at a gate (trucks waiting, clearance minutes) that mark a period congested.");
        group.MapPut("/congestion-threshold", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, string code, RecordTraffic.ThresholdRequest request,
                CancellationToken ct) =>
                ApiResults.From(await RecordTraffic.SetThresholdAsync(db, clock, code, request, ct), L, t => t))
            .RequireAuthorization(Policies.Officer)
            .WithName("SetCongestionThreshold").WithSummary("Set the caller's side's thresholds at a gate.").ProducesValidationProblem().ProducesProblem(403);
        app.MapGet("/api/v1/traffic/{id:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await RecordLoader.LoadAsync<GateTraffic>(db, id, RecordOperation.Read, ct), L, TrafficDto.From, t => t.Version))
            .RequireAuthorization(Policies.Reader).WithTags("Traffic")
            .WithName("GetGateTraffic").WithSummary("One day's or hour's figures.").Produces<TrafficDto>().ProducesProblem(404);
        return app;
    }

    public static IQueryable<GateTraffic> Query(BorderlinkDb db, string gate, DateOnly? from, DateOnly? to)
    {
        var query = db.GateTraffic.AsNoTracking().Where(t => t.GatePair == gate);
        if (from is { } f) query = query.Where(t => t.Date >= f);
        if (to is { } t2) query = query.Where(t => t.Date <= t2);
        return query.OrderByDescending(t => t.Date).ThenByDescending(t => t.Hour);
    }
}
