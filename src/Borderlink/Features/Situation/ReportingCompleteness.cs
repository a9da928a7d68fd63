using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Features.Rules;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>Where a party stands for one period: reported on time, reported late, not reported although due, or not due yet.</summary>
public enum ReportState
{
    OnTime = 0,
    Late = 1,
    Missing = 2,
    NotYetDue = 3,
}

/// <summary>One party's report for one period: when it was first sent (in the owner's own time), when it was due, how late.</summary>
public sealed record ReportCell(string Party, DateOnly PeriodStart, string Period, ReportState State, DateTimeOffset? ReportedAt, DateTimeOffset DueAt, int? DaysLate);

/// <summary>When a party's reports are due: days after the period ends, by a shared rule in force with the reader's party or by default.</summary>
public sealed record ReportingRhythm(string Party, int DueDays, Guid? RuleId);

/// <summary>The reader's party and its partners over the last periods, with each one's counts.</summary>
public sealed record Completeness(PeriodKind Kind, IReadOnlyList<DateOnly> Periods, IReadOnlyList<string> Parties, IReadOnlyList<ReportCell> Cells,
    IReadOnlyList<ReportingRhythm> Rhythms)
{
    public int Count(string party, ReportState state) => Cells.Count(c => c.Party == party && c.State == state);
}

/// <summary>
/// Reporting completeness and timeliness (issue 19 item 5): for the reader's party and its partners, each of the last
/// periods is reported on time, late, missing, or not due yet, against the reporting rhythm — by default a weekly report
/// is due <see cref="WeekDueDays"/> days after its week ends, a daily one the day after, at the end of that day in the
/// reporting party's own zone; a shared rule in force between the reporting party and the reader's (Features/Rules)
/// sets other days, and then both sides count with the same agreed days. A report counts from when its first version was written by its owner (a correction does not make
/// it late); a missing period is never counted as zero cases.
/// </summary>
public static class ReportingCompleteness
{
    public const int WeekDueDays = 2;
    public const int DayDueDays = 1;
    public const int MaxPeriods = 26;

    public static int DueDays(PeriodKind kind) => kind == PeriodKind.Week ? WeekDueDays : DayDueDays;

    public static async Task<Completeness> HandleAsync(BorderlinkDb db, TimeProvider clock, PeriodKind kind, int periods, CancellationToken ct = default)
    {
        periods = Math.Clamp(periods, 1, MaxPeriods);
        var now = clock.GetUtcNow();
        var party = db.Viewer.Party ?? "";
        var parties = new List<string> { party };
        parties.AddRange(await PartnerParties.OfAsync(db, clock, party, ct));
        var zones = await db.Parties.AsNoTracking().Where(p => parties.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.TimeZone, ct);
        var current = Periods.StartOf(kind, DateOnly.FromDateTime(now.UtcDateTime));
        var starts = Enumerable.Range(0, periods).Select(i => kind == PeriodKind.Week ? current.AddDays(-7 * i) : current.AddDays(-i)).Reverse().ToList();
        var first = starts[0];
        var reports = await db.SituationReports.AsNoTracking()
            .Where(r => r.PeriodKind == kind && r.PeriodStart >= first && r.PeriodStart <= current && parties.Contains(r.OwnerParty))
            .Select(r => new { r.OwnerParty, r.PeriodStart, r.CreatedAt }).ToListAsync(ct);
        var sent = reports.ToDictionary(r => (r.OwnerParty, r.PeriodStart), r => r.CreatedAt);
        var agreed = await RuleStates.InForceAsync(db, RuleKind.ReportingDueDays, kind.ToString().ToLowerInvariant(), ct);
        var rhythms = parties.Select(p => agreed(p, party) is { } s ? new ReportingRhythm(p, s.Rule.Value, s.Rule.Id) : new ReportingRhythm(p, DueDays(kind), null)).ToList();
        var cells = new List<ReportCell>();
        foreach (var (p, dueDays, _) in rhythms)
        {
            var zone = TimeDisplay.Find(zones.GetValueOrDefault(p)) ?? TimeZoneInfo.Utc;
            foreach (var start in starts)
            {
                var due = DueAt(kind, start, zone, dueDays);
                var at = sent.TryGetValue((p, start), out var reported) ? reported : (DateTimeOffset?)null;
                var state = at is { } a ? (a <= due ? ReportState.OnTime : ReportState.Late) : now > due ? ReportState.Missing : ReportState.NotYetDue;
                int? late = state switch
                {
                    ReportState.Late => (int)Math.Ceiling((at!.Value - due).TotalDays),
                    ReportState.Missing => (int)Math.Ceiling((now - due).TotalDays),
                    _ => null,
                };
                cells.Add(new ReportCell(p, start, Periods.Format(kind, start), state, at, due, late));
            }
        }
        return new Completeness(kind, starts, parties, cells, rhythms);
    }

    /// <summary>The end of the due day in the party's zone: a week of 16–22 November is due by 24 November 23:59:59 there.</summary>
    public static DateTimeOffset DueAt(PeriodKind kind, DateOnly start, TimeZoneInfo zone, int dueDays)
    {
        var lastDay = kind == PeriodKind.Week ? start.AddDays(6) : start;
        var endLocal = lastDay.AddDays(dueDays + 1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).AddTicks(-1);
    }
}
