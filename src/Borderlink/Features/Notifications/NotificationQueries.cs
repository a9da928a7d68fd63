using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notifications;

/// <summary>Where one addressee stands on one notification.</summary>
public sealed record AddresseeState(string Party, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, bool? OnTime, bool Overdue, TimeSpan? TimeLeft)
{
    public static AddresseeState For(EventNotification n, string party, NotificationResponse? ack, DateTimeOffset now)
    {
        if (ack is not null)
        {
            return new(party, ack.CreatedAt, ack.CreatedBy, n.AcknowledgeBy is null || ack.CreatedAt <= n.AcknowledgeBy, false, null);
        }
        var due = n.AcknowledgeBy;
        return new(party, null, null, null, due is not null && n.IsOpen && now > due, due is not null && n.IsOpen && now <= due ? due - now : null);
    }
}

/// <summary>The boxes of the notification inbox.</summary>
public enum InboxBox
{
    All,
    /// <summary>Sent to my party and not yet acknowledged by it.</summary>
    Awaiting,
    /// <summary>Awaiting, and past the deadline.</summary>
    Overdue,
    /// <summary>Sent by my party, and some addressee has not acknowledged.</summary>
    Unacknowledged,
    /// <summary>From partners, changed since I last opened it.</summary>
    Unread,
    Drafts,
}

/// <summary>Reads for the inbox, the notification page and the dashboard; everything goes through the visibility filter.</summary>
public static class NotificationQueries
{
    public sealed record Query(InboxBox Box = InboxBox.All, string? Disease = null, string? Partner = null, DateOnly? From = null, DateOnly? To = null,
        int Page = 1, int PageSize = 25);

    public sealed record Row(EventNotification Notification, IReadOnlyList<AddresseeState> Addressees, bool Unread);

    public static async Task<Paged<Row>> ListAsync(BorderlinkDb db, TimeProvider clock, Query query, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var filtered = Box(db, query.Box, now);
        if (!string.IsNullOrWhiteSpace(query.Disease)) filtered = filtered.Where(n => n.DiseaseCode == query.Disease);
        if (!string.IsNullOrWhiteSpace(query.Partner))
        {
            var token = Codes.Token(query.Partner);
            filtered = filtered.Where(n => n.OwnerParty == query.Partner || n.Addressees.Contains(token));
        }
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            filtered = filtered.Where(n => (n.SentAt ?? n.CreatedAt) >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            filtered = filtered.Where(n => (n.SentAt ?? n.CreatedAt) < end);
        }
        var ordered = query.Box is InboxBox.Awaiting or InboxBox.Overdue
            ? filtered.OrderBy(n => n.AcknowledgeBy).ThenBy(n => n.Id)
            : filtered.OrderByDescending(n => n.UpdatedAt).ThenByDescending(n => n.Id);
        var page = await Paged.FromAsync(ordered, query.Page, query.PageSize, ct);
        var rows = await RowsAsync(db, page.Items, now, ct);
        return new Paged<Row>(rows, page.Page, page.PageSize, page.Total);
    }

    /// <summary>How many notifications wait for the viewer's party's acknowledgement (the header badge).</summary>
    public static Task<int> AwaitingCountAsync(BorderlinkDb db, TimeProvider clock, CancellationToken ct = default) =>
        Box(db, InboxBox.Awaiting, clock.GetUtcNow()).CountAsync(ct);

    public static async Task<IReadOnlyList<Row>> RowsAsync(BorderlinkDb db, IReadOnlyList<EventNotification> notifications, DateTimeOffset now, CancellationToken ct)
    {
        var ids = notifications.Select(n => n.Id).ToList();
        var acks = await db.NotificationResponses.AsNoTracking()
            .Where(r => ids.Contains(r.NotificationId) && r.Kind == ResponseKind.Acknowledgement).ToListAsync(ct);
        var userId = db.Viewer.UserId;
        var reads = userId is null ? [] : await db.NotificationReads.AsNoTracking().Where(r => r.UserId == userId && ids.Contains(r.NotificationId))
            .ToDictionaryAsync(r => r.NotificationId, r => r.Version, ct);
        return notifications.Select(n => new Row(n, States(n, acks, now),
                n.OwnerParty != db.Viewer.Party && (!reads.TryGetValue(n.Id, out var v) || v < n.Version)))
            .ToList();
    }

    /// <summary>Every addressee's state. An addressee whose acknowledgement the viewer cannot see (another addressee's) shows as unknown only to the owner's eyes; it is filtered out here.</summary>
    public static IReadOnlyList<AddresseeState> States(EventNotification n, IEnumerable<NotificationResponse> acknowledgements, DateTimeOffset now)
    {
        var mine = acknowledgements.Where(a => a.NotificationId == n.Id && a.Kind == ResponseKind.Acknowledgement).ToList();
        return n.AddresseeList.Select(p => AddresseeState.For(n, p, mine.Where(a => a.OwnerParty == p).MinBy(a => a.CreatedAt), now)).ToList();
    }

    public static async Task<List<NotificationResponse>> ResponsesAsync(BorderlinkDb db, Guid notificationId, CancellationToken ct = default) =>
        await db.NotificationResponses.AsNoTracking().Where(r => r.NotificationId == notificationId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);

    /// <summary>Remembers that the viewer has read this version, so it leaves the unread box.</summary>
    public static async Task MarkReadAsync(BorderlinkDb db, TimeProvider clock, EventNotification n, CancellationToken ct = default)
    {
        if (db.Viewer.UserId is not { } userId || n.OwnerParty == db.Viewer.Party) return;
        var read = await db.NotificationReads.FirstOrDefaultAsync(r => r.UserId == userId && r.NotificationId == n.Id, ct);
        if (read is null)
        {
            db.NotificationReads.Add(new NotificationRead { UserId = userId, NotificationId = n.Id, Version = n.Version, ReadAt = clock.GetUtcNow() });
        }
        else if (read.Version < n.Version)
        {
            read.Version = n.Version;
            read.ReadAt = clock.GetUtcNow();
        }
        else
        {
            return;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same user opened it twice at once; either marker will do.
            db.ChangeTracker.Clear();
        }
    }

    private static IQueryable<EventNotification> Box(BorderlinkDb db, InboxBox box, DateTimeOffset now)
    {
        var party = db.Viewer.Party ?? "";
        var token = Codes.Token(party);
        var userId = db.Viewer.UserId ?? "";
        var all = db.EventNotifications.AsNoTracking();
        var open = all.Where(n => n.Status == NotificationStatus.Sent || n.Status == NotificationStatus.Updated);
        var awaiting = open.Where(n => n.Addressees.Contains(token)
            && !db.NotificationResponses.Any(r => r.NotificationId == n.Id && r.Kind == ResponseKind.Acknowledgement && r.OwnerParty == party));
        return box switch
        {
            InboxBox.Awaiting => awaiting,
            InboxBox.Overdue => awaiting.Where(n => n.AcknowledgeBy < now),
            InboxBox.Unacknowledged => open.Where(n => n.OwnerParty == party
                && db.NotificationResponses.Count(r => r.NotificationId == n.Id && r.Kind == ResponseKind.Acknowledgement) < n.AddresseeCount),
            InboxBox.Unread => all.Where(n => n.OwnerParty != party && n.Status != NotificationStatus.Draft
                && !db.NotificationReads.Any(r => r.UserId == userId && r.NotificationId == n.Id && r.Version >= n.Version)),
            InboxBox.Drafts => all.Where(n => n.OwnerParty == party && n.Status == NotificationStatus.Draft),
            _ => all.Where(n => n.OwnerParty == party || n.Status != NotificationStatus.Draft),
        };
    }
}
