using Borderlink.Data;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Sharing;

/// <summary>The two endpoints every record type has the same way: read one (404 when not visible) and share it (If-Match).</summary>
public static class RecordEndpoints
{
    /// <summary>GET /{id} and PUT /{id}/visibility for one record type, named after <paramref name="name"/> ("Meeting" → GetMeeting, ShareMeeting).</summary>
    public static RouteGroupBuilder MapReadAndShare<T, TDto>(this RouteGroupBuilder group, string name, string noun, Func<T, TDto> map,
        Func<T, ShareRecord.Request, IEnumerable<FieldError>>? rule = null) where T : CoordinationRecord
    {
        group.MapGet("/{id:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await RecordLoader.LoadAsync<T>(db, id, RecordOperation.Read, ct), L, map, r => r.Version))
            .WithName("Get" + name).WithSummary($"One {noun}; 404 when it does not exist or is not visible to the caller.")
            .Produces<TDto>().ProducesProblem(404);

        group.MapPut("/{id:guid}/visibility", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id,
                ShareRecord.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await ShareRecord.HandleAsync<T>(db, clock, id, version, request, rule, ct), L, map, r => r.Version)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("Share" + name).WithSummary($"Share a {noun} of the caller's party with partner parties, restrict it to agency functions, or make it Internal (If-Match).")
            .Produces<TDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return group;
    }
}
