using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Vectors;

public sealed record VectorObservationDto(Guid Id, string OwnerParty, string GatePair, DateOnly ObservedOn, VectorKind Kind, string Species, int Effort, int Count,
    double Index, double Threshold, string Pathogen, bool SuggestsNotification, string Notes, string Language)
{
    public static VectorObservationDto From(VectorObservation v) => new(v.Id, v.OwnerParty, v.GatePair, v.ObservedOn, v.Kind, v.Species, v.Effort, v.Count, v.Index,
        v.Threshold, v.Pathogen, v.SuggestsNotification, v.Notes, v.Language);
}

/// <summary>/api/v1/vectors — vector and intermediate-host surveillance at checkpoints, and the thresholds that suggest a notification.</summary>
public static class VectorsApi
{
    public const string Path = "/api/v1/vectors";

    public static IEndpointRouteBuilder MapVectorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Vectors").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (BorderlinkDb db, string? gate, DateOnly? from, DateOnly? to, CancellationToken ct) =>
                TypedResults.Ok((await Query(db, gate, from, to).Take(1000).ToListAsync(ct)).Select(VectorObservationDto.From).ToList()))
            .WithName("ListVectorObservations").WithSummary("Observations of the caller's party and of the parties across its gates, latest first (filters gate, from, to).");
        group.MapGet("/{id:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await RecordLoader.LoadAsync<VectorObservation>(db, id, RecordOperation.Read, ct), L, VectorObservationDto.From, v => v.Version))
            .WithName("GetVectorObservation").WithSummary("One observation.").Produces<VectorObservationDto>().ProducesProblem(404);
        group.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, WatchVectors.Request request, CancellationToken ct) =>
            {
                var outcome = await WatchVectors.RecordAsync(db, clock, request, ct);
                return ApiResults.From(outcome, L, VectorObservationDto.From, v => v.Version, outcome is Outcome<VectorObservation>.Done d ? $"{Path}/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("RecordVectorObservation").WithSummary("Record a day's surveillance at a gate of the caller's party: effort (traps, hosts or containers), count, pathogen found. Shared with the party across the gate.")
            .Produces<VectorObservationDto>(201).ProducesValidationProblem().ProducesProblem(403);
        group.MapGet("/thresholds", async (BorderlinkDb db, CancellationToken ct) => TypedResults.Ok(await WatchVectors.ThresholdsAsync(db, ct)))
            .WithName("VectorThresholds").WithSummary("The index per kind from which an observation suggests notifying the partner.");
        group.MapPut("/thresholds/{kind}", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, VectorKind kind, ThresholdRequest request, CancellationToken ct) =>
                ApiResults.From(await WatchVectors.SetThresholdAsync(db, clock, kind, request.Index, ct), L, t => new { t.Kind, t.Index }))
            .RequireAuthorization(Policies.Liaison)
            .WithName("SetVectorThreshold").WithSummary("Set the threshold for one kind (liaisons).").ProducesValidationProblem().ProducesProblem(403);
        return app;
    }

    public sealed record ThresholdRequest(double Index);

    public static IQueryable<VectorObservation> Query(BorderlinkDb db, string? gate, DateOnly? from, DateOnly? to)
    {
        var query = db.VectorObservations.AsNoTracking();
        if (!string.IsNullOrEmpty(gate)) query = query.Where(v => v.GatePair == gate);
        if (from is { } f) query = query.Where(v => v.ObservedOn >= f);
        if (to is { } t) query = query.Where(v => v.ObservedOn <= t);
        return query.OrderByDescending(v => v.ObservedOn).ThenBy(v => v.OwnerParty);
    }
}
