using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Alerts;

/// <summary>The reader's alerts — their own, their party's (within their agency's function), the administrators' when they are one — newest first.</summary>
public static class ListAlerts
{
    public sealed record Query(bool UnreadOnly = false, string? Kind = null, int Page = 1, int PageSize = 25);

    /// <summary>An alert and when the reader read it (null: unread; an alert past <see cref="Alert.UnreadWindow"/> is not counted as unread).</summary>
    public sealed record Row(Alert Alert, DateTimeOffset? ReadAt, bool Unread);

    public static async Task<Paged<Row>> HandleAsync(BorderlinkDb db, TimeProvider clock, Query query, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var alerts = Mine(db);
        if (!string.IsNullOrEmpty(query.Kind)) alerts = alerts.Where(a => a.Kind == query.Kind);
        if (query.UnreadOnly) alerts = Unread(db, alerts, now);
        var page = await Paged.FromAsync(alerts.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id), query.Page, query.PageSize, ct);
        var ids = page.Items.Select(a => a.Id).ToList();
        var userId = db.Viewer.UserId ?? "";
        var reads = await db.AlertReads.AsNoTracking().Where(r => r.UserId == userId && ids.Contains(r.AlertId)).ToDictionaryAsync(r => r.AlertId, r => r.ReadAt, ct);
        return page.Map(a => new Row(a, reads.TryGetValue(a.Id, out var at) ? at : null, !reads.ContainsKey(a.Id) && a.CreatedAt >= now - Alert.UnreadWindow));
    }

    public static Task<int> UnreadCountAsync(BorderlinkDb db, TimeProvider clock, CancellationToken ct = default) =>
        Unread(db, Mine(db), clock.GetUtcNow()).CountAsync(ct);

    /// <summary>Whom alerts are read for: a user, their party, their agency's function, whether they administer the node.</summary>
    public sealed record Reader(string UserId, string Party, string? Function, bool Administrator)
    {
        public static Reader Of(Sharing.Viewer viewer) =>
            new(viewer.UserId ?? "", viewer.Party ?? "", viewer.Function, viewer.IsInRole(Roles.Administrator));
    }

    /// <summary>Every alert meant for the signed-in reader.</summary>
    internal static IQueryable<Alert> Mine(BorderlinkDb db) => For(db, Reader.Of(db.Viewer));

    /// <summary>Every alert meant for one reader: their own, their party's (within their function), the administrators'.</summary>
    public static IQueryable<Alert> For(BorderlinkDb db, Reader reader)
    {
        var function = Sharing.Codes.Token(reader.Function ?? "");
        var administrator = reader.Administrator ? Roles.Administrator : "";
        return db.Alerts.AsNoTracking().Where(a => a.UserId == reader.UserId
            || (a.UserId == null && (a.ForParty == null || a.ForParty == reader.Party) && (a.ForFunctions == "" || a.ForFunctions.Contains(function))
                && (a.ForRole == null || a.ForRole == administrator)));
    }

    internal static IQueryable<Alert> Unread(BorderlinkDb db, IQueryable<Alert> alerts, DateTimeOffset now) => Unread(db, alerts, now, db.Viewer.UserId ?? "");

    public static IQueryable<Alert> Unread(BorderlinkDb db, IQueryable<Alert> alerts, DateTimeOffset now, string userId)
    {
        var since = now - Alert.UnreadWindow;
        return alerts.Where(a => a.CreatedAt >= since && !db.AlertReads.Any(r => r.UserId == userId && r.AlertId == a.Id));
    }
}
