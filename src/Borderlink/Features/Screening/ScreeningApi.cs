using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Screening;

public sealed record CrossingDto(Guid Id, string Party, string GatePair, DateTimeOffset OccurredAt, DateOnly LocalDate, CrossingKind Kind, CrossingDirection Direction,
    CrossingPurpose Purpose, string Nationality, string TravellerName, string DocumentNumber, bool HealthDeclaration, double? TemperatureC, bool Symptoms,
    TestOutcome Test, ScreeningDecision Decision, string VehiclePlate, bool Disinfected, string Goods, bool Sampled, Guid? PermitId, Guid BatchId)
{
    public static CrossingDto From(CrossingRecord c) => new(c.Id, c.Party, c.GatePair, c.OccurredAt, c.LocalDate, c.Kind, c.Direction, c.Purpose, c.Nationality,
        c.TravellerName, c.DocumentNumber, c.HealthDeclaration, c.TemperatureC, c.Symptoms, c.Test, c.Decision, c.VehiclePlate, c.Disinfected, c.Goods, c.Sampled,
        c.PermitId, c.BatchId);
}

public sealed record ScreeningSummaryDto(Guid Id, string OwnerParty, string GatePair, DateOnly Date, IReadOnlyList<ScreeningCount> Counts, DateTimeOffset UpdatedAt)
{
    public static ScreeningSummaryDto From(ScreeningSummary s) => new(s.Id, s.OwnerParty, s.GatePair, s.Date, s.Counts, s.UpdatedAt);
}

public sealed record ScreeningExtractDto(Guid Id, string OwnerParty, Guid CrossingId, string GatePair, DateTimeOffset OccurredAt, CrossingKind Kind,
    CrossingPurpose Purpose, string Nationality, string TravellerName, string DocumentNumber, double? TemperatureC, bool Symptoms, TestOutcome Test,
    ScreeningDecision Decision, string VehiclePlate, string Goods, string? SharedBecause, IReadOnlyList<string> Audience)
{
    public static ScreeningExtractDto From(ScreeningExtract e) => new(e.Id, e.OwnerParty, e.CrossingId, e.GatePair, e.OccurredAt, e.Kind, e.Purpose, e.Nationality,
        e.TravellerName, e.DocumentNumber, e.TemperatureC, e.Symptoms, e.Test, e.Decision, e.VehiclePlate, e.Goods, e.PersonalDataSharedBecause, e.Audience);
}

/// <summary>The screening register: batch ingest for gate systems, single entries, the party's own records, partners' daily counts, deliberate sharing.</summary>
public static class ScreeningApi
{
    public const long MaxBatchBytes = 2L * 1024 * 1024 * 1024;

    public static IEndpointRouteBuilder MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var gates = app.MapGroup("/api/v1/gates/{code}").WithTags("Screening").RequireAuthorization(Policies.Officer);
        gates.MapPost("/crossings", async (HttpRequest http, IngestCrossings ingest, IStringLocalizer<SharedResource> L, string code, CancellationToken ct) =>
            {
                var media = http.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
                IngestCrossings.Format? format = media switch
                {
                    "application/x-ndjson" or "application/jsonl" or "application/ndjson" => IngestCrossings.Format.NdJson,
                    "text/csv" => IngestCrossings.Format.Csv,
                    _ => null,
                };
                if (format is null)
                    return ApiResults.Problem(L, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Ingest.MediaType");
                Guid? batch = null;
                if (http.Headers.TryGetValue("Idempotency-Key", out var key))
                {
                    if (!Guid.TryParse(key.ToString(), out var id)) return ApiResults.Problem(L, StatusCodes.Status400BadRequest, "bad-idempotency-key", "Ingest.BadBatchId");
                    batch = id;
                }
                return await ingest.RunAsync(code, http.Body, format.Value, batch, ct) switch
                {
                    IngestCrossings.Outcome.Done { Result: var r } => Results.Ok(r),
                    IngestCrossings.Outcome.Refused refused => ApiResults.Problem(L, StatusCodes.Status400BadRequest, "batch-refused", "Ingest.Refused",
                        extensions: new Dictionary<string, object?>
                        {
                            ["linesRead"] = refused.LinesRead,
                            ["errors"] = refused.Errors.Select(e => new { line = e.Line, field = e.Field, message = L[e.MessageKey, e.Args].Value }).ToList(),
                        }),
                    IngestCrossings.Outcome.Forbidden f => ApiResults.Problem(L, StatusCodes.Status403Forbidden, f.Code, "Ingest." + f.Code),
                    _ => throw new InvalidOperationException(),
                };
            })
            .WithMetadata(new RequestSizeLimitAttribute(MaxBatchBytes))
            .Accepts<Stream>("application/x-ndjson", "text/csv")
            .WithName("IngestCrossings")
            .WithSummary("A gate system's batch of screened crossings (NDJSON, or CSV with a header), applied whole or refused whole with line numbers. "
                + "Ids are the client's: lines already stored are skipped; an Idempotency-Key (UUID) this party sent before answers with the first result (another party's key of the same value is a fresh key). A gate-scoped token writes only its gate.")
            .Produces<IngestCrossings.Result>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415);

        gates.MapPost("/crossing", async (ScreeningRegister register, IStringLocalizer<SharedResource> L, string code, CrossingLine line, CancellationToken ct) =>
            {
                var outcome = await register.RecordAsync(code, line, ct);
                return ApiResults.From(outcome, L, CrossingDto.From, null, outcome is Outcome<CrossingRecord>.Done d ? $"/api/v1/crossings/{d.Value.Id}" : null);
            })
            .WithName("RecordCrossing").WithSummary("Record one screened crossing (the same fields as a batch line).")
            .Produces<CrossingDto>(201).ProducesValidationProblem().ProducesProblem(403);

        app.MapGet("/api/v1/gates/{code}/screening", async (BorderlinkDb db, string code, DateOnly? from, DateOnly? to, CancellationToken ct) =>
            {
                var query = db.ScreeningSummaries.AsNoTracking().Where(s => s.GatePair == code);
                if (from is { } f) query = query.Where(s => s.Date >= f);
                if (to is { } t) query = query.Where(s => s.Date <= t);
                return TypedResults.Ok((await query.OrderByDescending(s => s.Date).ThenBy(s => s.OwnerParty).Take(400).ToListAsync(ct)).Select(ScreeningSummaryDto.From).ToList());
            })
            .RequireAuthorization(Policies.Reader).WithTags("Screening")
            .WithName("ScreeningCounts").WithSummary("Daily screening counts at a gate: the caller's party's and those its partner across the gate shares.");

        var crossings = app.MapGroup("/api/v1/crossings").WithTags("Screening").RequireAuthorization(Policies.Officer);
        crossings.MapGet("/", async (BorderlinkDb db, string? gate, DateOnly? date, CancellationToken ct) =>
            {
                var query = db.Crossings.AsNoTracking();
                if (db.Viewer.GateScope is { } scope) query = query.Where(c => c.GatePair == scope);
                if (!string.IsNullOrEmpty(gate)) query = query.Where(c => c.GatePair == gate);
                if (date is { } d) query = query.Where(c => c.LocalDate == d);
                return TypedResults.Ok((await query.OrderByDescending(c => c.OccurredAt).Take(500).ToListAsync(ct)).Select(CrossingDto.From).ToList());
            })
            .WithName("ListCrossings").WithSummary("The caller's party's own screening records (never a partner's), latest first, at most 500 (filters gate, date).");
        crossings.MapPost("/{id:guid}/share", async (ScreeningRegister register, IStringLocalizer<SharedResource> L, Guid id, ScreeningRegister.ShareRequest request, CancellationToken ct) =>
            {
                var outcome = await register.ShareAsync(id, request, ct);
                return ApiResults.From(outcome, L, ScreeningExtractDto.From, e => e.Version, outcome is Outcome<ScreeningExtract>.Done d ? $"/api/v1/screening-extracts/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Liaison)
            .WithName("ShareCrossing").WithSummary("Share one record with partner parties, personal data included, saying why (reason).")
            .Produces<ScreeningExtractDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        var extracts = app.MapGroup("/api/v1/screening-extracts").WithTags("Screening").RequireAuthorization(Policies.Reader);
        extracts.MapGet("/{id:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await RecordLoader.LoadAsync<ScreeningExtract>(db, id, RecordOperation.Read, ct), L, ScreeningExtractDto.From, e => e.Version))
            .WithName("GetScreeningExtract").WithSummary("One screening record shared deliberately; 404 when not shared with the caller.")
            .Produces<ScreeningExtractDto>().ProducesProblem(404);
        return app;
    }
}
