using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Notifications;
using Borderlink.Features.Reference;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Alerts;

/// <summary>
/// The optional e-mail digest: once a day, from <see cref="Hour"/>:00 in the user's own zone, each user who turned it on
/// gets one e-mail listing the alerts they have not read that came since their last digest (none: no e-mail). Run with
/// the deadline watches; a day's digest is recorded before it is sent, so a crash can lose one but never send two.
/// </summary>
public sealed class SendAlertDigests(BorderlinkDb db, TimeProvider clock, AlertMailer mailer, ReferenceCache reference) : IDeadlineWatch
{
    public const int Hour = 7;
    public const int MaxListed = 50;

    public string Name => "alert digests sent";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (!mailer.Enabled) return 0;
        var now = clock.GetUtcNow();
        var snapshot = await reference.GetAsync(ct);
        var sent = 0;
        foreach (var user in await db.Users.Where(u => u.AlertDigest && u.Email != null).ToListAsync(ct))
        {
            var (_, zone) = AlertMailer.Reader(user, snapshot);
            var local = TimeZoneInfo.ConvertTime(now, zone);
            var due = new DateTimeOffset(local.Date.AddHours(Hour), local.Offset);
            if (local < due || user.AlertDigestAt >= due) continue;

            var since = user.AlertDigestAt ?? now - TimeSpan.FromDays(1);
            var administrator = await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrator), ct);
            var reader = new ListAlerts.Reader(user.Id, user.PartyCode, snapshot.Agency(user.AgencyId)?.FunctionCode, administrator);
            var unread = ListAlerts.Unread(db, ListAlerts.For(db, reader), now, user.Id).Where(a => a.CreatedAt > since);
            var total = await unread.CountAsync(ct);
            var listed = await unread.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(MaxListed).ToListAsync(ct);
            user.AlertDigestAt = now;
            await db.SaveChangesAsync(ct);
            if (total > 0 && await mailer.SendDigestAsync(user, listed, total, ct)) sent++;
        }
        return sent;
    }
}
