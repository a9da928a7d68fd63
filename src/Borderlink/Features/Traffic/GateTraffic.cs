using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Alerts;
using Borderlink.Features.Audit;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Traffic;

/// <summary>
/// One side's flows at a gate for a day (or one hour of it): people in and out, vehicles, trucks waiting, average
/// clearance time. Entered by form or pushed by a gate system; shared with the party across the gate. Whether it was
/// congested is decided when it is recorded, against that side's thresholds for the gate (kept with the record).
/// </summary>
[RecordType(TypeName)]
[RecordPage("/traffic/{Id}")]
public sealed class GateTraffic : CoordinationRecord
{
    public const string TypeName = "gate-traffic";

    public required string GatePair { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>0–23 for one hour; null for the whole day.</summary>
    public int? Hour { get; set; }
    public int PeopleIn { get; set; }
    public int PeopleOut { get; set; }
    public int Vehicles { get; set; }
    public int TrucksWaiting { get; set; }
    public int? ClearanceMinutes { get; set; }
    public int TrucksWaitingLimit { get; set; }
    public int? ClearanceMinutesLimit { get; set; }
    public bool Congested { get; set; }
}

/// <summary>A side's congestion thresholds for one gate pair (node-local settings of that party).</summary>
public sealed class CongestionThreshold
{
    public const int DefaultTrucksWaiting = 500;

    public required string GatePair { get; set; }
    public required string Party { get; set; }
    public int TrucksWaiting { get; set; } = DefaultTrucksWaiting;
    public int? ClearanceMinutes { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>A congestion alert already given to one party for one traffic record.</summary>
public sealed class CongestionAlert
{
    public Guid TrafficId { get; set; }
    public required string Party { get; set; }
    public DateTimeOffset AlertedAt { get; set; }
}

public static class RecordTraffic
{
    public sealed record Request(DateOnly? Date, int? Hour, int PeopleIn, int PeopleOut, int Vehicles, int TrucksWaiting, int? ClearanceMinutes);

    public sealed record ThresholdRequest(int TrucksWaiting, int? ClearanceMinutes);

    /// <summary>Records (or corrects) the caller's side's figures for a gate and period; the same period again is a new version of the same record.</summary>
    public static async Task<Outcome<GateTraffic>> HandleAsync(BorderlinkDb db, TimeProvider clock, string gateCode, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        var gate = await db.GatePairs.AsNoTracking().FirstOrDefaultAsync(g => g.Code == gateCode, ct);
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer || gate is null
            || !gate.HasSide(viewer.Party) || (viewer.GateScope is { } scope && scope != gateCode))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: AuditDetail.TrafficGateNotAllowed(gateCode));
            await db.SaveChangesAsync(ct);
            return new Outcome<GateTraffic>.Forbidden();
        }
        var errors = new List<FieldError>();
        if (r.Date is null) errors.Add(new("date", "Error.Required"));
        else if (r.Date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1)) errors.Add(new("date", "Error.DateInFuture"));
        if (r.Hour is < 0 or > 23) errors.Add(new("hour", "Error.Range", 0, 23));
        foreach (var (field, value) in new[] { ("peopleIn", r.PeopleIn), ("peopleOut", r.PeopleOut), ("vehicles", r.Vehicles), ("trucksWaiting", r.TrucksWaiting) })
        {
            if (value is < 0 or > 10_000_000) errors.Add(new(field, "Error.CountRange", 10_000_000));
        }
        if (r.ClearanceMinutes is < 0 or > 100_000) errors.Add(new("clearanceMinutes", "Error.CountRange", 100_000));
        if (errors.Count > 0) return new Outcome<GateTraffic>.Invalid(errors);

        var threshold = await ThresholdAsync(db, gate!.Code, viewer.Party, ct);
        var traffic = await db.GateTraffic.FirstOrDefaultAsync(t => t.OwnerParty == viewer.Party && t.GatePair == gate.Code && t.Date == r.Date && t.Hour == r.Hour
            && t.OriginNode == null, ct);
        var created = traffic is null;
        if (traffic is null)
        {
            traffic = new GateTraffic { OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, GatePair = gate.Code, Date = r.Date!.Value, Hour = r.Hour };
            traffic.SetVisibility(Visibility.Partners, [gate.Across(viewer.Party)], []);
            db.GateTraffic.Add(traffic);
        }
        traffic.PeopleIn = r.PeopleIn;
        traffic.PeopleOut = r.PeopleOut;
        traffic.Vehicles = r.Vehicles;
        traffic.TrucksWaiting = r.TrucksWaiting;
        traffic.ClearanceMinutes = r.ClearanceMinutes;
        traffic.TrucksWaitingLimit = threshold.TrucksWaiting;
        traffic.ClearanceMinutesLimit = threshold.ClearanceMinutes;
        traffic.Congested = r.TrucksWaiting >= threshold.TrucksWaiting || (threshold.ClearanceMinutes is { } limit && r.ClearanceMinutes >= limit);
        await db.SaveChangesAsync(ct);
        return new Outcome<GateTraffic>.Done(traffic, created);
    }

    public static async Task<CongestionThreshold> ThresholdAsync(BorderlinkDb db, string gate, string party, CancellationToken ct) =>
        await db.CongestionThresholds.AsNoTracking().FirstOrDefaultAsync(t => t.GatePair == gate && t.Party == party, ct)
        ?? new CongestionThreshold { GatePair = gate, Party = party };

    public static async Task<Outcome<CongestionThreshold>> SetThresholdAsync(BorderlinkDb db, TimeProvider clock, string gateCode, ThresholdRequest r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        var gate = await db.GatePairs.AsNoTracking().FirstOrDefaultAsync(g => g.Code == gateCode, ct);
        if (viewer.Party is null || !viewer.IsOfficer || gate is null || !gate.HasSide(viewer.Party))
            return new Outcome<CongestionThreshold>.Forbidden();
        var errors = new List<FieldError>();
        if (r.TrucksWaiting is < 1 or > 1_000_000) errors.Add(new("trucksWaiting", "Error.CountRange", 1_000_000));
        if (r.ClearanceMinutes is < 1 or > 100_000) errors.Add(new("clearanceMinutes", "Error.CountRange", 100_000));
        if (errors.Count > 0) return new Outcome<CongestionThreshold>.Invalid(errors);
        var threshold = await db.CongestionThresholds.FirstOrDefaultAsync(t => t.GatePair == gate.Code && t.Party == viewer.Party, ct);
        var created = threshold is null;
        threshold ??= db.CongestionThresholds.Add(new CongestionThreshold { GatePair = gate.Code, Party = viewer.Party }).Entity;
        threshold.TrucksWaiting = r.TrucksWaiting;
        threshold.ClearanceMinutes = r.ClearanceMinutes;
        threshold.UpdatedAt = clock.GetUtcNow();
        threshold.UpdatedBy = viewer.Name;
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.TrafficThreshold(viewer.Party, gate.Code, r.TrucksWaiting, r.ClearanceMinutes));
        await db.SaveChangesAsync(ct);
        return new Outcome<CongestionThreshold>.Done(threshold, created);
    }
}

/// <summary>
/// Alerts both sides of a congested gate: for every recent congested record — this node's or a partner's replica — each
/// party hosted here that sees it has its coordinators and liaisons alerted once.
/// </summary>
public sealed class AlertCongestion(BorderlinkDb db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<NodeOptions> node) : IDeadlineWatch
{
    public string Name => "congestion alerts given";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        using (db.EnterSystemScope(AuditDetail.SystemCongestion()))
        {
            var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-2);
            var congested = await db.GateTraffic.AsNoTracking().Where(t => t.Congested && t.Date >= since).ToListAsync(ct);
            if (congested.Count == 0) return 0;
            var ids = congested.Select(t => t.Id).ToList();
            var done = (await db.CongestionAlerts.AsNoTracking().Where(a => ids.Contains(a.TrafficId)).Select(a => new { a.TrafficId, a.Party }).ToListAsync(ct))
                .Select(a => (a.TrafficId, a.Party)).ToHashSet();
            var due = congested.SelectMany(t => t.Audience.Append(t.OwnerParty).Where(node.Value.Hosts).Where(p => !done.Contains((t.Id, p))).Select(p => (Traffic: t, Party: p)))
                .ToList();
            if (due.Count == 0) return 0;
            var roles = await db.Roles.Where(r => r.Name == Roles.Coordinator || r.Name == Roles.Liaison).Select(r => r.Id).ToListAsync(ct);
            var parties = due.Select(d => d.Party).Distinct().ToList();
            var people = await db.Users.AsNoTracking().Where(u => parties.Contains(u.PartyCode) && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
                .Select(u => new { u.Id, u.PartyCode }).ToListAsync(ct);
            var now = clock.GetUtcNow();
            foreach (var (traffic, party) in due)
            {
                db.CongestionAlerts.Add(new CongestionAlert { TrafficId = traffic.Id, Party = party, AlertedAt = now });
                foreach (var person in people.Where(p => p.PartyCode == party))
                {
                    db.Alerts.Add(new Alert
                    {
                        UserId = person.Id, Kind = Alert.GateCongested, RecordId = traffic.Id, Title = traffic.GatePair, Addressee = traffic.OwnerParty,
                        DueAt = now, CreatedAt = now,
                    });
                }
                db.Audit(AuditActions.Escalated, AuditOutcomes.Ok, recordType: GateTraffic.TypeName, recordId: traffic.Id,
                    detail: AuditDetail.TrafficCongested(traffic.GatePair, traffic.Date, traffic.TrucksWaiting, party));
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return 0;
            }
            return due.Count;
        }
    }
}

internal sealed class GateTrafficConfig : IEntityTypeConfiguration<GateTraffic>
{
    public void Configure(EntityTypeBuilder<GateTraffic> b)
    {
        b.ConfigureRecord();
        b.Property(t => t.GatePair).HasMaxLength(60);
        b.HasIndex(t => new { t.GatePair, t.Date });
    }
}

internal sealed class CongestionThresholdConfig : IEntityTypeConfiguration<CongestionThreshold>
{
    public void Configure(EntityTypeBuilder<CongestionThreshold> b)
    {
        b.HasKey(t => new { t.GatePair, t.Party });
        b.Property(t => t.GatePair).HasMaxLength(60);
        b.Property(t => t.Party).HasMaxLength(16);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class CongestionAlertConfig : IEntityTypeConfiguration<CongestionAlert>
{
    public void Configure(EntityTypeBuilder<CongestionAlert> b)
    {
        b.HasKey(a => new { a.TrafficId, a.Party });
        b.Property(a => a.Party).HasMaxLength(16);
    }
}
