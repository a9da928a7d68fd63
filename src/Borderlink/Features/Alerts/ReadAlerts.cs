using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Alerts;

/// <summary>The reader marks one of their alerts read, or all of them; what they read stays unread for everyone else.</summary>
public static class ReadAlerts
{
    /// <summary>At most this many alerts are marked by one "all read" (the unread ones of the last <see cref="Alert.UnreadWindow"/>).</summary>
    public const int MaxAtOnce = 5_000;

    /// <summary>False when the alert is not the reader's.</summary>
    public static async Task<bool> OneAsync(BorderlinkDb db, TimeProvider clock, Guid id, CancellationToken ct = default) =>
        await OpenAsync(db, clock, id, ct) is not null;

    /// <summary>Marks the reader's alert read and answers where it leads; null when it is not the reader's.</summary>
    public static async Task<string?> OpenAsync(BorderlinkDb db, TimeProvider clock, Guid id, CancellationToken ct = default)
    {
        var alert = await ListAlerts.Mine(db).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return null;
        var userId = db.Viewer.UserId!;
        if (!await db.AlertReads.AnyAsync(r => r.UserId == userId && r.AlertId == id, ct))
        {
            db.AlertReads.Add(new AlertRead { UserId = userId, AlertId = id, ReadAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        return alert.Href;
    }

    /// <summary>Marks every unread alert of the reader read; returns how many.</summary>
    public static async Task<int> AllAsync(BorderlinkDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var userId = db.Viewer.UserId!;
        var ids = await ListAlerts.Unread(db, ListAlerts.Mine(db), now).OrderBy(a => a.CreatedAt).Select(a => a.Id).Take(MaxAtOnce).ToListAsync(ct);
        db.AlertReads.AddRange(ids.Select(id => new AlertRead { UserId = userId, AlertId = id, ReadAt = now }));
        await db.SaveChangesAsync(ct);
        return ids.Count;
    }
}
