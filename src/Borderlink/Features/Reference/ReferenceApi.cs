using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Reference;

public sealed record PartyDto(string Code, string Country, string Name, string NameEn, string NameVi, string NameZh, string NameFr,
    string TimeZone, DateOnly? ValidFrom, DateOnly? ValidTo, string? SuccessorCode);

public sealed record DiseaseDto(string Code, string Icd10, string Name, string NameEn, string NameVi, string NameZh, string NameFr,
    string CnClass, string VnGroup, int? CnReportHours, int? VnReportHours, int AcknowledgementHours);

/// <summary>/api/v1/parties and /api/v1/diseases: reference data for clients that need codes.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Reference data").RequireAuthorization(Policies.Reader);
        group.MapGet("/parties", async (BorderlinkDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Parties.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct))
                    .Select(p => new PartyDto(p.Code, p.Country, p.Name(), p.NameEn, p.NameVi, p.NameZh, p.NameFr, p.TimeZone, p.ValidFrom, p.ValidTo, p.SuccessorCode))
                    .ToList()))
            .WithName("ListParties").WithSummary("Every party, current and former, with validity and successor.");
        group.MapGet("/diseases", async (BorderlinkDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Diseases.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct))
                    .Select(d => new DiseaseDto(d.Code, d.Icd10, d.Name(), d.NameEn, d.NameVi, d.NameZh, d.NameFr, d.CnClass, d.VnGroup,
                        d.CnReportHours, d.VnReportHours, d.AcknowledgementHours))
                    .ToList()))
            .WithName("ListDiseases").WithSummary("Diseases with ICD-10, both countries' classes and reporting hours, and the acknowledgement deadline.");
        return app;
    }
}
