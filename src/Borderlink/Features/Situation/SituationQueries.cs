using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>One party's figures for one period. A party's own total row wins over the sum of its places.</summary>
public sealed record PartyFigures(string Party, string Country, DateOnly Start, int NewCases, int Deaths, int Tests, int ImportedCases, int InQuarantine);

/// <summary>
/// One line of the cross-border table: this period against the one before. A figure is null where the party sent no
/// report for that period: not reported is not zero cases.
/// </summary>
public sealed record CrossBorderLine(string Party, string Country, int? NewCases, int? PreviousNewCases, int? Deaths, int? PreviousDeaths, int? InQuarantine)
{
    /// <summary>The change, or null unless both periods were reported.</summary>
    public int? Change => NewCases - PreviousNewCases;
    /// <summary>Change in percent, or null when the previous period had none or was not reported.</summary>
    public double? ChangePercent => PreviousNewCases is null or 0 || Change is null ? null : Math.Round(100.0 * Change.Value / PreviousNewCases.Value, 1);
}

/// <summary>
/// One place below its party's level in one period: the rows a party reported for it (a commune, a ward, a county, a
/// township), against the period before; null where the place had no row then. A party's own total row is not a place.
/// </summary>
public sealed record PlaceLine(string Party, string Place, int NewCases, int? PreviousNewCases, int Deaths);

/// <summary>Reads over the situation figures the viewer may see: from the reports in range (whose filter decides) to their figures.</summary>
public static class SituationQueries
{
    public static async Task<List<PartyFigures>> FiguresAsync(BorderlinkDb db, string disease, PeriodKind kind, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var key = SituationFigure.KeyOf(disease);
        var reports = await db.SituationReports.AsNoTracking()
            .Where(r => r.PeriodKind == kind && r.PeriodStart >= first && r.PeriodStart <= last && r.Figures!.Contains(key))
            .Select(r => new { r.OwnerParty, r.PeriodStart, r.Figures })
            .ToListAsync(ct);
        var countries = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Country, ct);
        return reports
            .Select(r => (r.OwnerParty, r.PeriodStart, Figure: SituationFigure.Read(r.Figures, key)!.Value))
            .Select(x => new PartyFigures(x.OwnerParty, countries.GetValueOrDefault(x.OwnerParty, ""), x.PeriodStart, x.Figure.NewCases, x.Figure.Deaths,
                x.Figure.Tests, x.Figure.ImportedCases, x.Figure.InQuarantine))
            .OrderBy(x => x.Start).ThenBy(x => x.Party, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The latest period with figures for the disease the viewer may see, up to <paramref name="notAfter"/>.</summary>
    public static async Task<DateOnly?> LatestAsync(BorderlinkDb db, string disease, PeriodKind kind, DateOnly notAfter, CancellationToken ct = default)
    {
        var key = SituationFigure.KeyOf(disease);
        return await db.SituationReports
            .Where(r => r.PeriodKind == kind && r.PeriodStart <= notAfter && r.Figures!.Contains(key))
            .OrderByDescending(r => r.PeriodStart)
            .Select(r => (DateOnly?)r.PeriodStart)
            .FirstOrDefaultAsync(ct);
    }

    public static async Task<List<CrossBorderLine>> CrossBorderAsync(BorderlinkDb db, string disease, PeriodKind kind, DateOnly period, CancellationToken ct = default)
    {
        var previous = Periods.Previous(kind, period);
        var figures = await FiguresAsync(db, disease, kind, previous, period, ct);
        return figures.GroupBy(f => (f.Party, f.Country))
            .Select(g =>
            {
                var now = g.FirstOrDefault(f => f.Start == period);
                var before = g.FirstOrDefault(f => f.Start == previous);
                return new CrossBorderLine(g.Key.Party, g.Key.Country, now?.NewCases, before?.NewCases, now?.Deaths, before?.Deaths, now?.InQuarantine);
            })
            .OrderBy(l => l.Country, StringComparer.Ordinal).ThenBy(l => l.Party, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Each place the visible reports of a period name for the disease, most new cases first.</summary>
    public static async Task<List<PlaceLine>> PlacesAsync(BorderlinkDb db, string disease, PeriodKind kind, DateOnly period, CancellationToken ct = default)
    {
        var previous = Periods.Previous(kind, period);
        var key = SituationFigure.KeyOf(disease);
        var reports = await db.SituationReports.AsNoTracking()
            .Where(r => r.PeriodKind == kind && (r.PeriodStart == period || r.PeriodStart == previous) && r.Figures!.Contains(key))
            .ToListAsync(ct);
        Dictionary<(string Party, string Place), (int NewCases, int Deaths)> Sum(DateOnly start) => reports
            .Where(r => r.PeriodStart == start)
            .SelectMany(r => r.Rows.Where(row => row.Disease == disease && row.Place != r.OwnerParty).Select(row => (r.OwnerParty, Row: row)))
            .GroupBy(x => (x.OwnerParty, x.Row.Place))
            .ToDictionary(g => g.Key, g => (g.Sum(x => x.Row.NewCases), g.Sum(x => x.Row.Deaths)));
        var before = Sum(previous);
        return Sum(period)
            .Select(x => new PlaceLine(x.Key.Party, x.Key.Place, x.Value.NewCases, before.TryGetValue(x.Key, out var b) ? b.NewCases : null, x.Value.Deaths))
            .OrderByDescending(l => l.NewCases).ThenBy(l => l.Party, StringComparer.Ordinal).ThenBy(l => l.Place, StringComparer.Ordinal)
            .ToList();
    }

    public sealed record ReportQuery(string? Party = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 25);

    public static Task<Paged<SituationReport>> ReportsAsync(BorderlinkDb db, ReportQuery query, CancellationToken ct = default) =>
        Paged.FromAsync(Filter(db, query.Party, query.From, query.To).OrderByDescending(r => r.PeriodStart).ThenBy(r => r.OwnerParty),
            query.Page, query.PageSize, ct);

    /// <summary>Every visible row, for export, oldest period first.</summary>
    public static async Task<List<(SituationReport Report, SituationRow Row)>> RowsAsync(BorderlinkDb db, string? disease, string? party, DateOnly? from, DateOnly? to,
        CancellationToken ct = default)
    {
        var reports = await Filter(db, party, from, to).OrderBy(r => r.PeriodStart).ThenBy(r => r.OwnerParty).ToListAsync(ct);
        return reports.SelectMany(r => r.Rows.Where(row => disease is null || row.Disease == disease).OrderBy(row => row.Disease).ThenBy(row => row.Place)
            .Select(row => (r, row))).ToList();
    }

    private static IQueryable<SituationReport> Filter(BorderlinkDb db, string? party, DateOnly? from, DateOnly? to)
    {
        var reports = db.SituationReports.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(party)) reports = reports.Where(r => r.OwnerParty == party);
        if (from is { } f) reports = reports.Where(r => r.PeriodStart >= f);
        if (to is { } t) reports = reports.Where(r => r.PeriodStart <= t);
        return reports;
    }
}
