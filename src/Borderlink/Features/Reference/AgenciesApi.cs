using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Reference;

/// <summary>/api/v1/agencies: everyone reads the agencies of the mechanism; administrators change their own party's.</summary>
public static class AgenciesApi
{
    public static IEndpointRouteBuilder MapAgenciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agencies").WithTags("Reference data");
        group.MapGet("/", async (BorderlinkDb db, string? party, CancellationToken ct) =>
                TypedResults.Ok((await db.Agencies.AsNoTracking().Where(a => party == null || a.PartyCode == party).OrderBy(a => a.PartyCode).ThenBy(a => a.FunctionCode).ToListAsync(ct))
                    .Select(AgencyDto.From).ToList()))
            .RequireAuthorization(Policies.Reader).WithName("ListAgencies").WithSummary("Agencies of every party, or of one with ?party=.");
        group.MapPost("/", async (ManageAgencies manage, IStringLocalizer<SharedResource> L, ManageAgencies.Request request, CancellationToken ct) =>
                ApiResults.From(await manage.SaveAsync(null, request, ct), L, AgencyDto.From))
            .RequireAuthorization(Policies.Administrator).WithName("CreateAgency").WithSummary("Add an agency to the caller's party.")
            .Produces<AgencyDto>(201).ProducesValidationProblem();
        group.MapPut("/{id:guid}", async (ManageAgencies manage, IStringLocalizer<SharedResource> L, Guid id, ManageAgencies.Request request, CancellationToken ct) =>
                ApiResults.From(await manage.SaveAsync(id, request, ct), L, AgencyDto.From))
            .RequireAuthorization(Policies.Administrator).WithName("UpdateAgency").WithSummary("Correct an agency of the caller's party.")
            .Produces<AgencyDto>().ProducesValidationProblem().ProducesProblem(404);
        return app;
    }
}
