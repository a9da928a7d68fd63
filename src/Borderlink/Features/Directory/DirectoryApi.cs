using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Directory;

public sealed record ContactDto(Guid Id, string OwnerParty, long Version, Visibility Visibility, IReadOnlyList<string> Audience, ContactKind Kind, Guid AgencyId,
    string Name, string Phone, string Email, string Hours, IReadOnlyList<string> Languages)
{
    public static ContactDto From(ContactEntry c) => new(c.Id, c.OwnerParty, c.Version, c.Visibility, c.Audience, c.Kind, c.AgencyId, c.Name, c.Phone, c.Email, c.Hours,
        Codes.Split(c.Languages));
}

public sealed record ShiftDto(Guid Id, Guid HotlineId, string OwnerParty, string OfficerName, string Phone, DateTimeOffset StartsAt, DateTimeOffset EndsAt)
{
    public static ShiftDto From(DutyShift s) => new(s.Id, s.HotlineId, s.OwnerParty, s.OfficerName, s.Phone, s.StartsAt, s.EndsAt);
}

/// <summary>/api/v1/contacts: hotlines and liaison officers of the parties, searchable, and each hotline's duty roster.</summary>
public static class DirectoryApi
{
    public const string Path = "/api/v1/contacts";

    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Directory").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (BorderlinkDb db, string? q, string? party, string? language, CancellationToken ct) =>
                TypedResults.Ok((await SearchDirectory.SearchAsync(db, q, party, language, ct)).Select(ContactDto.From).ToList()))
            .WithName("SearchContacts").WithSummary("Hotlines and liaison officers the caller may see; q matches name, agency, phone or e-mail in any spelling; language filters who speaks it.");
        group.MapGet("/on-duty", async (BorderlinkDb db, TimeProvider clock, DateTimeOffset? at, CancellationToken ct) =>
                TypedResults.Ok((await SearchDirectory.OnDutyAsync(db, at ?? clock.GetUtcNow(), ct)).Select(ShiftDto.From).ToList()))
            .WithName("OnDuty").WithSummary("Who answers each hotline at a moment (default now).");
        group.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, PublishContact.Request request, CancellationToken ct) =>
            {
                var outcome = await PublishContact.HandleAsync(db, clock, request, ct);
                return ApiResults.From(outcome, L, ContactDto.From, c => c.Version, outcome is Outcome<ContactEntry>.Done d ? $"{Path}/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("PublishContact").WithSummary("Publish a hotline (number, hours) or a liaison officer (languages) of one of the caller's party's agencies; shared with the partners at once.")
            .Produces<ContactDto>(201).ProducesValidationProblem().ProducesProblem(403);
        group.MapReadAndShare<ContactEntry, ContactDto>("Contact", "hotline or liaison officer", ContactDto.From);
        group.MapGet("/{id:guid}/roster", async Task<Results<Ok<List<ShiftDto>>, ProblemHttpResult>> (BorderlinkDb db, TimeProvider clock,
                IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
            {
                // A hotline the caller cannot see has no roster for them either: not found, as the hotline itself.
                if (!await db.ContactEntries.AsNoTracking().AnyAsync(c => c.Id == id, ct))
                {
                    return (ProblemHttpResult)ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound");
                }
                return TypedResults.Ok((await SearchDirectory.RosterAsync(db, id, clock.GetUtcNow().AddDays(-1), ct)).Select(ShiftDto.From).ToList());
            })
            .WithName("HotlineRoster").WithSummary("The hotline's shifts from yesterday on.");
        group.MapPost("/{id:guid}/roster", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, AddDutyShift.Request request, CancellationToken ct) =>
            {
                var outcome = await AddDutyShift.HandleAsync(db, request with { HotlineId = id }, ct);
                return ApiResults.From(outcome, L, ShiftDto.From, s => s.Version, outcome is Outcome<DutyShift>.Done ? $"{Path}/{id}/roster" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("AddShift").WithSummary("Add a shift to one of the caller's party's hotlines.")
            .Produces<ShiftDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        return app;
    }
}
