using Borderlink.Features.Alerts;
using System.ComponentModel.DataAnnotations;
using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Features.Notifications;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Run the acknowledgement watch in this instance.</summary>
    public bool WatchEnabled { get; set; } = true;

    /// <summary>How often the watch looks for overdue acknowledgements.</summary>
    [Range(1, 3600)]
    public int WatchSeconds { get; set; } = 30;
}

/// <summary>
/// Escalates every acknowledgement that is past its deadline, once per side: for the owner party and for the silent
/// addressee, whichever this node hosts, it records the escalation, alerts that party's coordinators in the app and by
/// e-mail, and audits it. The unique escalation row makes it fire once even with several instances or a retried pass.
/// </summary>
public sealed class EscalateOverdue(BorderlinkDb db, TimeProvider clock, IOptions<NodeOptions> node, AlertMailer mailer, ILogger<EscalateOverdue> logger)
    : IDeadlineWatch
{
    public string Name => "overdue acknowledgements escalated";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var pending = new List<(EventNotification Notification, string Addressee, string ForParty)>();
        // The bypass is audited with the save below; a pass that finds nothing writes nothing.
        using (db.EnterSystemScope(AuditDetail.SystemEscalate()))
        {
            var overdue = await db.EventNotifications.AsNoTracking()
                .Where(n => (n.Status == NotificationStatus.Sent || n.Status == NotificationStatus.Updated) && n.AcknowledgeBy < now)
                .ToListAsync(ct);
            if (overdue.Count == 0) return 0;
            var ids = overdue.Select(n => n.Id).ToList();
            var acknowledged = (await db.NotificationResponses.AsNoTracking()
                    .Where(r => ids.Contains(r.NotificationId) && r.Kind == ResponseKind.Acknowledgement)
                    .Select(r => new { r.NotificationId, r.OwnerParty }).ToListAsync(ct))
                .Select(r => (r.NotificationId, r.OwnerParty)).ToHashSet();
            var done = (await db.NotificationEscalations.AsNoTracking().Where(e => ids.Contains(e.NotificationId))
                    .Select(e => new { e.NotificationId, e.Addressee, e.ForParty }).ToListAsync(ct))
                .Select(e => (e.NotificationId, e.Addressee, e.ForParty)).ToHashSet();
            foreach (var n in overdue)
            {
                foreach (var addressee in n.AddresseeList.Where(a => !acknowledged.Contains((n.Id, a))))
                {
                    foreach (var side in new[] { n.OwnerParty, addressee }.Where(node.Value.Hosts).Where(p => !done.Contains((n.Id, addressee, p))))
                    {
                        pending.Add((n, addressee, side));
                    }
                }
            }
            if (pending.Count == 0) return 0;

            var coordinatorRole = await db.Roles.Where(r => r.Name == Roles.Coordinator).Select(r => r.Id).FirstAsync(ct);
            var sides = pending.Select(p => p.ForParty).Distinct().ToList();
            var coordinators = await db.Users.AsNoTracking()
                .Where(u => sides.Contains(u.PartyCode) && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinatorRole))
                .ToListAsync(ct);
            var mails = new List<(BorderlinkUser User, EventNotification Notification, string Addressee)>();
            foreach (var (n, addressee, side) in pending)
            {
                db.NotificationEscalations.Add(new NotificationEscalation { NotificationId = n.Id, Addressee = addressee, ForParty = side, EscalatedAt = now });
                foreach (var user in coordinators.Where(u => u.PartyCode == side))
                {
                    db.Alerts.Add(new Alert
                    {
                        UserId = user.Id, Kind = Alert.AcknowledgementOverdue, RecordId = n.Id, Title = n.Title, Addressee = addressee,
                        DueAt = n.AcknowledgeBy!.Value, CreatedAt = now,
                    });
                    mails.Add((user, n, addressee));
                }
                db.Audit(AuditActions.Escalated, AuditOutcomes.Ok, recordType: EventNotification.TypeName, recordId: n.Id,
                    detail: AuditDetail.AckOverdue(addressee, n.AcknowledgeBy, side));
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                // Another instance escalated the same ones first; it alerted and will mail.
                logger.LogInformation(e, "Escalation pass lost a race; nothing done here");
                db.ChangeTracker.Clear();
                return 0;
            }
            foreach (var (user, n, addressee) in mails)
            {
                await mailer.SendOverdueAsync(user, n, addressee, ct);
            }
        }
        return pending.Count;
    }
}
