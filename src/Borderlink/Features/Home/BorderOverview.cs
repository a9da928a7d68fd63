using Borderlink.Data;
using Borderlink.Features.Alerts;
using Borderlink.Features.Gates;
using Borderlink.Features.Measures;
using Borderlink.Features.Meetings;
using Borderlink.Features.Notifications;
using Borderlink.Features.Reference;
using Borderlink.Features.Situation;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Home;

/// <summary>
/// The border now, as the reader may see it: the home page and <c>GET /api/v1/overview</c>. Everything is read through
/// the visibility filter, so a party sees its own records and what partners shared with it, nothing else.
/// </summary>
public sealed record BorderOverview(
    DateTimeOffset Now,
    Paged<NotificationQueries.Row> Awaiting,
    Paged<NotificationQueries.Row> Unacknowledged,
    IReadOnlyList<Alert> UnreadAlerts,
    int UnreadAlertCount,
    IReadOnlyList<GateWatch> Gates,
    WeekFigures Figures,
    IReadOnlyList<AgreedMeasure> OverdueMeasures,
    int OverdueMeasureCount,
    IReadOnlyList<Meeting> NextMeetings,
    IReadOnlyList<PartnerState> Partners);

/// <summary>A gate pair worth a look: its status changed in the last days, a change is announced, or it is congested today.</summary>
public sealed record GateWatch(GateGlance Glance, IReadOnlyList<GateStatusChange> RecentChanges);

/// <summary>
/// The latest reported week and the one before, per party (the reader's and its partners') and disease. A party with no
/// report for the week has no figures (null): not reported is not zero cases.
/// </summary>
public sealed record WeekFigures(DateOnly? Week, IReadOnlyList<string> Parties, IReadOnlyList<string> Reported, IReadOnlyList<WeekLine> Lines);

/// <summary>One disease at one party: this week's figure and the week before's, each null when that week was not reported.</summary>
public sealed record WeekLine(string Party, string Disease, SituationFigure? ThisWeek, SituationFigure? PreviousWeek)
{
    /// <summary>The change in new cases, or null unless both weeks were reported.</summary>
    public int? Change => ThisWeek is { } now && PreviousWeek is { } before ? now.NewCases - before.NewCases : null;
}

/// <summary>How a partner party is reached: on this node, through a partner node that answers, or one that does not.</summary>
public enum PartnerLink
{
    ThisNode = 0,
    Connected = 1,
    Unreachable = 2,
    NoNode = 3,
}

/// <summary>A partner party now: its link, since when a node has not answered, the last contact and what waits for it.</summary>
public sealed record PartnerState(string Party, string? NodeId, PartnerLink Link, DateTimeOffset? UnreachableSince, DateTimeOffset? LastContactAt, long Waiting);

public static class LoadBorderOverview
{
    /// <summary>How far back a gate status change counts as recent.</summary>
    public static readonly TimeSpan RecentGateChange = TimeSpan.FromDays(7);
    public const int ListSize = 5;

    public static async Task<BorderOverview> HandleAsync(BorderlinkDb db, TimeProvider clock, LocalNode node, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var party = db.Viewer.Party ?? "";
        var partners = await PartnerParties.OfAsync(db, clock, party, ct);
        var awaiting = await NotificationQueries.ListAsync(db, clock, new(InboxBox.Awaiting, PageSize: ListSize), ct);
        var unacknowledged = await NotificationQueries.ListAsync(db, clock, new(InboxBox.Unacknowledged, PageSize: ListSize), ct);
        var alerts = await ListAlerts.HandleAsync(db, clock, new(UnreadOnly: true, PageSize: ListSize), ct);
        var (overdue, overdueCount) = await OverdueMeasuresAsync(db, clock, ct);
        var meetings = await db.Meetings.AsNoTracking().Where(m => !m.Cancelled && m.EndsAt >= now)
            .OrderBy(m => m.StartsAt).ThenBy(m => m.Id).Take(ListSize).ToListAsync(ct);
        return new BorderOverview(now, awaiting, unacknowledged, alerts.Items.Select(r => r.Alert).ToList(), alerts.Total,
            await GatesAsync(db, clock, party, now, ct), await FiguresAsync(db, clock, [party, .. partners], ct),
            overdue, overdueCount, meetings, await PartnersAsync(db, node, partners, ct));
    }

    private static async Task<List<GateWatch>> GatesAsync(BorderlinkDb db, TimeProvider clock, string party, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - RecentGateChange;
        var recent = await db.GateStatusChanges.AsNoTracking()
            .Where(c => c.EffectiveFrom >= since || c.CreatedAt >= since)
            .OrderByDescending(c => c.EffectiveFrom).ThenByDescending(c => c.CreatedAt).ToListAsync(ct);
        var glances = await GateDashboard.ForAsync(db, clock, ct: ct);
        // The reader's own gate pairs; a party with none (a province without a gate) watches the whole border.
        var own = glances.Where(g => g.Status.Pair.VnParty == party || g.Status.Pair.CnParty == party).ToList();
        return (own.Count > 0 ? own : glances)
            .Select(g => new GateWatch(g, recent.Where(c => c.GatePair == g.Status.Pair.Code).ToList()))
            .Where(w => w.Glance.Congested || w.RecentChanges.Count > 0)
            .ToList();
    }

    private static async Task<(List<AgreedMeasure> Items, int Count)> OverdueMeasuresAsync(BorderlinkDb db, TimeProvider clock, CancellationToken ct)
    {
        var todayOf = await MeasureRules.TodayByPartyAsync(db, clock, ct);
        // Due before tomorrow in the latest zone: a superset, narrowed to each owner's own calendar day below.
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
        var open = await db.AgreedMeasures.AsNoTracking()
            .Where(m => (m.Status == MeasureStatus.Planned || m.Status == MeasureStatus.InProgress) && m.DueOn < latest)
            .OrderBy(m => m.DueOn).ThenBy(m => m.Id).ToListAsync(ct);
        var overdue = open.Where(m => m.IsOverdueOn(todayOf(m.OwnerParty))).ToList();
        return (overdue.Take(ListSize).ToList(), overdue.Count);
    }

    private static async Task<WeekFigures> FiguresAsync(BorderlinkDb db, TimeProvider clock, List<string> parties, CancellationToken ct)
    {
        var thisWeek = Periods.StartOf(PeriodKind.Week, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var week = await db.SituationReports.AsNoTracking()
            .Where(r => r.PeriodKind == PeriodKind.Week && r.PeriodStart <= thisWeek && parties.Contains(r.OwnerParty))
            .OrderByDescending(r => r.PeriodStart).Select(r => (DateOnly?)r.PeriodStart).FirstOrDefaultAsync(ct);
        if (week is not { } current) return new WeekFigures(null, parties, [], []);
        var previous = Periods.Previous(PeriodKind.Week, current);
        var reports = await db.SituationReports.AsNoTracking()
            .Where(r => r.PeriodKind == PeriodKind.Week && (r.PeriodStart == current || r.PeriodStart == previous) && parties.Contains(r.OwnerParty))
            .Select(r => new { r.OwnerParty, r.PeriodStart, r.Figures }).ToListAsync(ct);
        var figures = reports.ToDictionary(r => (r.OwnerParty, r.PeriodStart), r => SituationFigure.ReadAll(r.Figures));
        var lines = new List<WeekLine>();
        foreach (var p in parties)
        {
            var now = figures.GetValueOrDefault((p, current));
            var before = figures.GetValueOrDefault((p, previous));
            var diseases = (now?.Keys ?? Enumerable.Empty<string>()).Concat(before?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            lines.AddRange(diseases.Select(d => new WeekLine(p, d, Figure(now, d), Figure(before, d))));
        }
        var reported = parties.Where(p => figures.ContainsKey((p, current))).ToList();
        return new WeekFigures(current, parties, reported, lines);
    }

    /// <summary>A disease's figure in a week, or null when the week's report does not give one (as the cross-border table reads it).</summary>
    private static SituationFigure? Figure(Dictionary<string, SituationFigure>? week, string disease) =>
        week is not null && week.TryGetValue(disease, out var figure) ? figure : null;

    private static async Task<List<PartnerState>> PartnersAsync(BorderlinkDb db, LocalNode node, List<string> partners, CancellationToken ct)
    {
        var nodes = await db.PartnerNodes.AsNoTracking().Active().ToListAsync(ct);
        var waiting = await db.OutboxMessages.WaitingByPartnerAsync(ct);
        return partners.Select(p =>
        {
            if (node.Hosts(p)) return new PartnerState(p, null, PartnerLink.ThisNode, null, null, 0);
            var host = nodes.FirstOrDefault(n => n.PartyList.Contains(p));
            if (host is null) return new PartnerState(p, null, PartnerLink.NoNode, null, null, 0);
            return new PartnerState(p, host.NodeId, host.UnreachableSince is null ? PartnerLink.Connected : PartnerLink.Unreachable,
                host.UnreachableSince, host.LastContactAt, waiting.GetValueOrDefault(host.NodeId)?.Count ?? 0);
        }).ToList();
    }
}
