using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Reference;

/// <param name="Languages">The party's working languages, its main one first: a translation into any of them reaches its translators.</param>
public sealed record PartyDto(string Code, string Country, string Name, string NameEn, string NameVi, string NameZh, string NameFr, string Aliases,
    string TimeZone, DateOnly? ValidFrom, DateOnly? ValidTo, string? SuccessorCode, IReadOnlyList<string> Languages)
{
    public static PartyDto From(Party p) =>
        new(p.Code, p.Country, p.Name(), p.NameEn, p.NameVi, p.NameZh, p.NameFr, p.Aliases, p.TimeZone, p.ValidFrom, p.ValidTo, p.SuccessorCode,
            p.LanguageList);
}

public sealed record DiseaseDto(string Code, string Icd10, string Name, string NameEn, string NameVi, string NameZh, string NameFr, string Aliases,
    string CnClass, string VnGroup, int? CnReportHours, int? VnReportHours, int AcknowledgementHours, bool Notifiable)
{
    public static DiseaseDto From(Disease d) =>
        new(d.Code, d.Icd10, d.Name(), d.NameEn, d.NameVi, d.NameZh, d.NameFr, d.Aliases, d.CnClass, d.VnGroup, d.CnReportHours, d.VnReportHours,
            d.AcknowledgementHours, d.Notifiable);
}

public sealed record PlaceDto(string Code, string? ParentCode, string PartyCode, string Level, string Name, string NameEn, string NameVi, string NameZh, string NameFr, string Aliases)
{
    public static PlaceDto From(Place p) => new(p.Code, p.ParentCode, p.PartyCode, p.Level, p.Name(), p.NameEn, p.NameVi, p.NameZh, p.NameFr, p.Aliases);
}

public sealed record GatePairDto(string Code, string VnParty, string CnParty, string Name, string NameEn, string NameVi, string NameZh, string NameFr, string Aliases,
    string VnGate, string CnGate, string Mode, string Level, IReadOnlyList<string> Flows)
{
    public static GatePairDto From(GatePair g) =>
        new(g.Code, g.VnParty, g.CnParty, g.Name(), g.NameEn, g.NameVi, g.NameZh, g.NameFr, g.Aliases, g.VnGate, g.CnGate, g.Mode, g.Level,
            Codes.Split(g.Flows));
}

/// <summary>/api/v1/parties, diseases, places, gate-pairs: everyone reads; administrators correct.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Reference data");

        group.MapGet("/parties", async (BorderlinkDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Parties.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct)).Select(PartyDto.From).ToList()))
            .RequireAuthorization(Policies.Reader).WithName("ListParties").WithSummary("Every party, current and former, with validity and successor.");
        group.MapGet("/diseases", async (BorderlinkDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Diseases.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct)).Select(DiseaseDto.From).ToList()))
            .RequireAuthorization(Policies.Reader).WithName("ListDiseases")
            .WithSummary("Diseases with ICD-10, both countries' classes and reporting hours, and the acknowledgement deadline.");
        group.MapGet("/places", async (BorderlinkDb db, string? party, CancellationToken ct) =>
                TypedResults.Ok((await db.Places.AsNoTracking().Where(p => party == null || p.PartyCode == party).OrderBy(p => p.Code).ToListAsync(ct))
                    .Select(PlaceDto.From).ToList()))
            .RequireAuthorization(Policies.Reader).WithName("ListPlaces").WithSummary("Places of the gazetteer, or of one party with ?party=.");
        group.MapGet("/gate-pairs", async (BorderlinkDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.GatePairs.AsNoTracking().OrderBy(g => g.Code).ToListAsync(ct)).Select(GatePairDto.From).ToList()))
            .RequireAuthorization(Policies.Reader).WithName("ListGatePairs").WithSummary("Paired land border gates with the flows they handle.");

        group.MapPut("/diseases/{code}", async (EditReference edit, IStringLocalizer<SharedResource> L, string code, EditReference.DiseaseRequest request, CancellationToken ct) =>
                ApiResults.From(await edit.SaveDiseaseAsync(code, request, ct), L, DiseaseDto.From))
            .RequireAuthorization(Policies.Administrator).WithName("UpdateDisease")
            .WithSummary("Correct a disease: names, classes, reporting hours, or override its acknowledgement deadline.")
            .Produces<DiseaseDto>().ProducesValidationProblem().ProducesProblem(404);
        group.MapPut("/parties/{code}", async (EditReference edit, IStringLocalizer<SharedResource> L, string code, EditReference.PartyRequest request, CancellationToken ct) =>
                ApiResults.From(await edit.SavePartyAsync(code, request, ct), L, PartyDto.From))
            .RequireAuthorization(Policies.Administrator).WithName("UpdateParty")
            .WithSummary("Correct the caller's own party: names, time zone, validity and successor.")
            .Produces<PartyDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        group.MapPost("/places", async (EditReference edit, IStringLocalizer<SharedResource> L, EditReference.PlaceRequest request, CancellationToken ct) =>
                ApiResults.From(await edit.SavePlaceAsync(null, request, ct), L, PlaceDto.From))
            .RequireAuthorization(Policies.Administrator).WithName("CreatePlace").WithSummary("Add a place to the gazetteer.")
            .Produces<PlaceDto>(201).ProducesValidationProblem();
        group.MapPut("/places/{code}", async (EditReference edit, IStringLocalizer<SharedResource> L, string code, EditReference.PlaceRequest request, CancellationToken ct) =>
                ApiResults.From(await edit.SavePlaceAsync(code, request, ct), L, PlaceDto.From))
            .RequireAuthorization(Policies.Administrator).WithName("UpdatePlace").WithSummary("Correct a place's names and spellings.")
            .Produces<PlaceDto>().ProducesValidationProblem().ProducesProblem(404);
        group.MapPut("/gate-pairs/{code}", async (EditReference edit, IStringLocalizer<SharedResource> L, string code, EditReference.GatePairRequest request, CancellationToken ct) =>
                ApiResults.From(await edit.SaveGatePairAsync(code, request, ct), L, GatePairDto.From))
            .RequireAuthorization(Policies.Administrator).WithName("UpdateGatePair").WithSummary("Correct a gate pair's names and flows.")
            .Produces<GatePairDto>().ProducesValidationProblem().ProducesProblem(404);
        return app;
    }
}
