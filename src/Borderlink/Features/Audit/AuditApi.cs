using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Audit;

/// <summary>One line of the trail.</summary>
/// <param name="Seq">The line's place in the hash chain; null for a line committed in the last moments, not chained yet.</param>
/// <param name="Detail">The detail as stored and hashed into the chain.</param>
/// <param name="Hash">The line's chain hash; empty until it is chained.</param>
/// <param name="DetailText">The detail in the caller's language.</param>
public sealed record AuditEntryDto(long? Seq, DateTimeOffset At, string Actor, string? Party, string Action, string? RecordType, Guid? RecordId,
    string Outcome, string? Detail, string Hash, string? Client, string DetailText);

/// <summary>Whose trail: the administrator's party's, or the node's own (entries of no party).</summary>
public enum AuditScope
{
    Party,
    Node,
}

/// <summary>/api/v1/audit-entries: an administrator reads their party's trail or the node's.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit-entries", async (BorderlinkDb db, Viewer viewer, Reference.ReferenceCache cache, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L, Web.TimeDisplay time, string? action, string? outcome, string? actor,
                DateOnly? from, DateOnly? to, int? page, int? pageSize, AuditScope? scope, CancellationToken ct) =>
            {
                var result = await AuditQuery.HandleAsync(db, viewer.Party!,
                    new(action, outcome, actor, from, to, page ?? 1, pageSize ?? 50, scope == AuditScope.Node), ct);
                var reference = await cache.GetAsync(ct);
                return TypedResults.Ok(result.Map(e => new AuditEntryDto(e.Seq, e.At, e.Actor, e.Party, e.Action, e.RecordType, e.RecordId, e.Outcome, e.Detail, e.Hash, e.Client,
                    AuditDetail.Words(L, e.Detail, reference, time))));
            })
            .RequireAuthorization(Policies.Administrator)
            .WithTags("Administration").WithName("ListAuditEntries")
            .WithSummary("The caller's party's audit trail, newest first; scope=Node for the node's own (refused exchange messages, node keys).");
        return app;
    }
}
