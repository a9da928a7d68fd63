using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Screening;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Quarantine;

public sealed record FacilityDto(Guid Id, string OwnerParty, long Version, Visibility Visibility, IReadOnlyList<string> Audience, string Name, FacilityKind Kind,
    string? PlaceCode, string? PlaceAsWritten, string? GatePair, int Capacity, int AlertAtPercent, int Occupancy, bool NearCapacity, bool Active, string Language)
{
    public static FacilityDto From(QuarantineFacility f) => new(f.Id, f.OwnerParty, f.Version, f.Visibility, f.Audience, f.Name, f.Kind, f.PlaceCode, f.PlaceAsWritten, f.GatePair,
        f.Capacity, f.AlertAtPercent, f.Occupancy, f.NearCapacity, f.Active, f.Language);
}

public sealed record StayDto(Guid Id, Guid FacilityId, string Label, int People, CrossingPurpose Purpose, string Nationality, Guid? CrossingId, DateOnly StartedOn,
    DateOnly PlannedEnd, IReadOnlyList<StayTest> Tests, DateOnly? EndedOn, StayOutcome? Outcome)
{
    public static StayDto From(QuarantineStay s) => new(s.Id, s.FacilityId, s.Label, s.People, s.Purpose, s.Nationality, s.CrossingId, s.StartedOn, s.PlannedEnd, s.Tests,
        s.EndedOn, s.Outcome);
}

/// <summary>/api/v1/quarantine — facilities (shareable), stays (kept by their party), people in quarantine by purpose.</summary>
public static class QuarantineApi
{
    public const string Path = "/api/v1/quarantine";

    public static IEndpointRouteBuilder MapQuarantineApi(this IEndpointRouteBuilder app)
    {
        var facilities = app.MapGroup(Path + "/facilities").WithTags("Quarantine").RequireAuthorization(Policies.Reader);
        facilities.MapGet("/", async (BorderlinkDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.QuarantineFacilities.AsNoTracking().OrderBy(f => f.OwnerParty).ThenBy(f => f.Name).Take(500).ToListAsync(ct)).Select(FacilityDto.From).ToList()))
            .WithName("ListFacilities").WithSummary("Quarantine facilities of the caller's party and those partners share, with capacity and occupancy.");
        facilities.MapReadAndShare<QuarantineFacility, FacilityDto>("Facility", "quarantine facility (sharing shows partners its capacity and occupancy, never who is in it)",
            FacilityDto.From);
        facilities.MapPost("/", async (BorderlinkDb db, GazetteerIndex gazetteer, IStringLocalizer<SharedResource> L, CreateFacility.Request request, CancellationToken ct) =>
            {
                var outcome = await CreateFacility.HandleAsync(db, gazetteer, request, ct);
                return ApiResults.From(outcome, L, FacilityDto.From, f => f.Version, outcome is Outcome<QuarantineFacility>.Done d ? $"{Path}/facilities/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("CreateFacility").WithSummary("Add a quarantine facility of the caller's party: capacity and the occupancy (percent) that raises an alert.")
            .Produces<FacilityDto>(201).ProducesValidationProblem().ProducesProblem(403);
        facilities.MapPut("/{id:guid}", async (HttpRequest http, BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CreateFacility.Request request,
                CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await ChangeFacility.HandleAsync(db, gazetteer, clock, id, version, request, ct), L, FacilityDto.From, f => f.Version)))
            .RequireAuthorization(Policies.Officer)
            .WithName("ChangeFacility").WithSummary("Change a facility of the caller's party (If-Match).")
            .Produces<FacilityDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        var stays = app.MapGroup(Path + "/stays").WithTags("Quarantine").RequireAuthorization(Policies.Officer);
        stays.MapGet("/", async (BorderlinkDb db, Guid? facilityId, bool? current, CancellationToken ct) =>
            {
                var query = db.QuarantineStays.AsNoTracking();
                if (facilityId is { } f) query = query.Where(s => s.FacilityId == f);
                if (current == true) query = query.Where(s => s.EndedOn == null);
                return TypedResults.Ok((await query.OrderByDescending(s => s.StartedOn).Take(1000).ToListAsync(ct)).Select(StayDto.From).ToList());
            })
            .WithName("ListStays").WithSummary("Stays in the caller's party's facilities (never a partner's), latest first (filters facilityId, current).");
        stays.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, AdmitToQuarantine.Request request, CancellationToken ct) =>
            {
                var outcome = await AdmitToQuarantine.HandleAsync(db, clock, request, ct);
                return ApiResults.From(outcome, L, StayDto.From, null, outcome is Outcome<QuarantineStay>.Done d ? $"{Path}/stays/{d.Value.Id}" : null);
            })
            .WithName("AdmitToQuarantine").WithSummary("Admit a person or a group (people) to a facility of the caller's party; the facility's occupancy follows.")
            .Produces<StayDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        stays.MapPost("/{id:guid}/tests", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, RecordQuarantineTest.Request request, CancellationToken ct) =>
                ApiResults.From(await RecordQuarantineTest.HandleAsync(db, id, request, ct), L, StayDto.From))
            .WithName("RecordStayTest").WithSummary("Record a test taken during a stay.").Produces<StayDto>().ProducesValidationProblem().ProducesProblem(404);
        stays.MapPost("/{id:guid}/end", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, EndQuarantineStay.Request request, CancellationToken ct) =>
                ApiResults.From(await EndQuarantineStay.HandleAsync(db, clock, id, request, ct), L, StayDto.From))
            .WithName("EndStay").WithSummary("End a stay: released, hospitalised, or transferred (transferTo: another facility of the party).")
            .Produces<StayDto>().ProducesValidationProblem().ProducesProblem(404);

        app.MapGet(Path + "/by-purpose", async (BorderlinkDb db, TimeProvider clock, CancellationToken ct) => TypedResults.Ok(await QuarantineCounts.ByPurposeAsync(db, clock, ct)))
            .RequireAuthorization(Policies.Officer).WithTags("Quarantine")
            .WithName("QuarantineByPurpose").WithSummary("People of the caller's party in quarantine now, by why they crossed, and how many began a stay in the last 7 days.");
        return app;
    }
}
