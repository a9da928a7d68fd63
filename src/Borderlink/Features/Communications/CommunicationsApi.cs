using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Communications;

public sealed record CommunicationDto(Guid Id, string OwnerParty, long Version, Visibility Visibility, IReadOnlyList<string> Audience, IReadOnlyList<string> RestrictedTo,
    DateTimeOffset OccurredAt, CommunicationChannel Channel, CommunicationDirection Direction, CommunicationCategory Category, string CounterpartParty,
    Guid? CounterpartAgencyId, string Subject, string Summary, string FollowUp, bool FollowUpDone, string Language, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static CommunicationDto From(CommunicationEntry e) => new(e.Id, e.OwnerParty, e.Version, e.Visibility, e.Audience, e.Restriction, e.OccurredAt, e.Channel,
        e.Direction, e.Category, e.CounterpartParty, e.CounterpartAgencyId, e.Subject, e.Summary, e.FollowUp, e.FollowUpDone, e.Language, e.CreatedAt, e.CreatedBy);
}

/// <summary>/api/v1/communications: the hotline and communication log, and its yearly counts.</summary>
public static class CommunicationsApi
{
    public const string Path = "/api/v1/communications";

    public static IEndpointRouteBuilder MapCommunicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Communication log").RequireAuthorization(Policies.Reader);

        group.MapGet("/", async (BorderlinkDb db, int? year, CommunicationCategory? category, string? partner, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok((await ListCommunications.ListAsync(db, new(year, category, partner, page ?? 1, pageSize ?? 25), ct)).Map(CommunicationDto.From)))
            .WithName("ListCommunications").WithSummary("Entries the caller may see, newest first; filters year (UTC), category, partner.");

        group.MapGet("/counts", async (BorderlinkDb db, TimeProvider clock, int? year, CancellationToken ct) =>
                TypedResults.Ok(await ListCommunications.YearlyCountsAsync(db, year ?? clock.GetUtcNow().Year, ct)))
            .WithName("CommunicationCounts").WithSummary("How many entries the caller's party logged in a year (its own clock), by category and partner.");

        group.MapReadAndShare<CommunicationEntry, CommunicationDto>("Communication", "log entry (crime entries only Restricted to public security and border defence)",
            CommunicationDto.From, ShareCommunication.ShareRule);

        group.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, LogCommunication.Request request, CancellationToken ct) =>
            {
                var outcome = await LogCommunication.HandleAsync(db, clock, request, ct);
                return ApiResults.From(outcome, L, CommunicationDto.From, e => e.Version, outcome is Outcome<CommunicationEntry>.Done d ? $"{Path}/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("LogCommunication").WithSummary("Log a call, meeting, letter or message. Crime entries may only be shared Restricted to public-security and border-defence.")
            .Produces<CommunicationDto>(201).ProducesValidationProblem().ProducesProblem(403);

        group.MapPut("/{id:guid}/follow-up", async (HttpRequest http, BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id,
                FollowUpCommunication.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await FollowUpCommunication.HandleAsync(db, id, version, request, ct), L, CommunicationDto.From, e => e.Version)))
            .RequireAuthorization(Policies.Officer)
            .WithName("FollowUpCommunication").WithSummary("Record the follow-up of an entry and whether it is done (If-Match).")
            .Produces<CommunicationDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        return app;
    }
}
