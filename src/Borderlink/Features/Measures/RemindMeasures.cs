using Borderlink.Features.Alerts;
using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Measures;

/// <summary>
/// Reminds the party that owns an open measure, in the app: once when it falls due within <see cref="DueSoonDays"/> days
/// and once when it is overdue (per due date: moving the date reminds again). Recipients are the officers of the
/// responsible agency and the party's coordinators; only this node's own measures are watched (partners watch theirs).
/// </summary>
public sealed class RemindMeasures(BorderlinkDb db, TimeProvider clock, ILogger<RemindMeasures> logger) : IDeadlineWatch
{
    public const int DueSoonDays = 3;

    public string Name => "measure reminders given";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        using (db.EnterSystemScope(AuditDetail.SystemRemindMeasures()))
        {
            var today = await MeasureRules.TodayByPartyAsync(db, clock, ct);
            var horizon = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(DueSoonDays + 1);
            var open = await db.AgreedMeasures.AsNoTracking()
                .Where(m => m.OriginNode == null && (m.Status == MeasureStatus.Planned || m.Status == MeasureStatus.InProgress) && m.DueOn <= horizon)
                .ToListAsync(ct);
            if (open.Count == 0) return 0;
            var ids = open.Select(m => m.Id).ToList();
            var given = (await db.MeasureReminders.AsNoTracking().Where(r => ids.Contains(r.MeasureId)).ToListAsync(ct))
                .Select(r => (r.MeasureId, r.Kind, r.DueOn)).ToHashSet();
            var due = open.Select(m => (Measure: m, Kind: m.DueOn < today(m.OwnerParty) ? Alert.MeasureOverdue
                        : m.DueOn <= today(m.OwnerParty).AddDays(DueSoonDays) ? Alert.MeasureDueSoon : null))
                .Where(x => x.Kind is not null && !given.Contains((x.Measure.Id, x.Kind, x.Measure.DueOn))).ToList();
            if (due.Count == 0) return 0;

            var coordinatorRole = await db.Roles.Where(r => r.Name == Roles.Coordinator).Select(r => r.Id).FirstAsync(ct);
            var officerRoles = await db.Roles.Where(r => r.Name == Roles.Officer || r.Name == Roles.Liaison).Select(r => r.Id).ToListAsync(ct);
            var parties = due.Select(d => d.Measure.OwnerParty).Distinct().ToList();
            var people = await db.Users.AsNoTracking().Where(u => parties.Contains(u.PartyCode))
                .Select(u => new
                {
                    u.Id, u.PartyCode, u.AgencyId,
                    Coordinator = db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinatorRole),
                    Officer = db.UserRoles.Any(ur => ur.UserId == u.Id && officerRoles.Contains(ur.RoleId)),
                }).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var zones = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.TimeZone, ct);
            foreach (var (measure, kind) in due)
            {
                db.MeasureReminders.Add(new MeasureReminder { MeasureId = measure.Id, Kind = kind!, DueOn = measure.DueOn, RemindedAt = now });
                var zone = Web.TimeDisplay.Find(zones.GetValueOrDefault(measure.OwnerParty)) ?? TimeZoneInfo.Utc;
                var dueAt = Web.TimeDisplay.Instant(measure.DueOn.ToDateTime(TimeOnly.MinValue), zone);
                foreach (var person in people.Where(p => p.PartyCode == measure.OwnerParty && (p.Coordinator || (p.Officer && p.AgencyId == measure.OwnerAgencyId))))
                {
                    db.Alerts.Add(new Alert
                    {
                        UserId = person.Id, Kind = kind!, RecordId = measure.Id, Title = Shorten(measure.What), Addressee = measure.OwnerParty, DueAt = dueAt, CreatedAt = now,
                    });
                }
                db.Audit(AuditActions.Reminded, AuditOutcomes.Ok, recordType: AgreedMeasure.TypeName, recordId: measure.Id, detail: AuditDetail.MeasureReminded(kind!, measure.DueOn));
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                logger.LogInformation(e, "Measure reminder pass lost a race with another instance; nothing done here");
                db.ChangeTracker.Clear();
                return 0;
            }
            return due.Count;
        }
    }

    private static string Shorten(string text) => text.Length <= 180 ? text : text[..179] + "…";
}
