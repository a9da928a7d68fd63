using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Audit;

/// <summary>
/// An administrator's view of their own party's trail, or of the node's own (what belongs to no party: messages the
/// exchange inbox refused, node keys), filtered and paged on the server.
/// </summary>
public static class AuditQuery
{
    public sealed record Filter(string? Action = null, string? Outcome = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null,
        int Page = 1, int PageSize = 50, bool Node = false);

    public static Task<Paged<AuditEntry>> HandleAsync(BorderlinkDb db, string party, Filter filter, CancellationToken ct = default)
    {
        var q = filter.Node ? db.AuditEntries.AsNoTracking().Where(e => e.Party == null) : db.AuditEntries.AsNoTracking().Where(e => e.Party == party);
        if (!string.IsNullOrWhiteSpace(filter.Action)) q = q.Where(e => e.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(filter.Outcome)) q = q.Where(e => e.Outcome == filter.Outcome);
        if (!string.IsNullOrWhiteSpace(filter.Actor)) q = q.Where(e => e.Actor.Contains(filter.Actor));
        if (filter.From is { } from) { var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); q = q.Where(e => e.At >= start); }
        if (filter.To is { } to) { var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); q = q.Where(e => e.At < end); }
        return Paged.FromAsync(q.OrderByDescending(e => e.Id), filter.Page, filter.PageSize, ct);
    }
}
