using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notifications;

/// <summary>The signed-in user's own in-app alerts.</summary>
public static class Alerts
{
    public static async Task<List<UserAlert>> ListAsync(BorderlinkDb db, bool unreadOnly, CancellationToken ct = default)
    {
        var userId = db.Viewer.UserId ?? "";
        var alerts = db.UserAlerts.AsNoTracking().Where(a => a.UserId == userId);
        if (unreadOnly) alerts = alerts.Where(a => a.ReadAt == null);
        return await alerts.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(100).ToListAsync(ct);
    }

    public static Task<int> UnreadCountAsync(BorderlinkDb db, CancellationToken ct = default)
    {
        var userId = db.Viewer.UserId ?? "";
        return db.UserAlerts.CountAsync(a => a.UserId == userId && a.ReadAt == null, ct);
    }

    /// <summary>Marks one of the user's alerts read; false when it is not theirs.</summary>
    public static async Task<bool> MarkReadAsync(BorderlinkDb db, TimeProvider clock, Guid id, CancellationToken ct = default)
    {
        var userId = db.Viewer.UserId ?? "";
        var alert = await db.UserAlerts.FirstOrDefaultAsync(a => a.Id == id && a.UserId == userId, ct);
        if (alert is null) return false;
        alert.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }
}
