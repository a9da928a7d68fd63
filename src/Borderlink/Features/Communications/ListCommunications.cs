using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Communications;

/// <summary>The log as a reader sees it: entries by year, category and partner, and the yearly counts of the reader's party.</summary>
public static class ListCommunications
{
    public sealed record Query(int? Year = null, CommunicationCategory? Category = null, string? Partner = null, int Page = 1, int PageSize = 25);

    public static Task<Paged<CommunicationEntry>> ListAsync(BorderlinkDb db, Query query, CancellationToken ct = default) =>
        Paged.FromAsync(Filter(db, query.Year, query.Category, query.Partner).OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id),
            query.Page, query.PageSize, ct);

    /// <summary>One line of the yearly count: the viewer's own party's log, by category and partner.</summary>
    public sealed record Count(CommunicationCategory Category, string Partner, int Entries);

    /// <summary>How many entries the viewer's party logged in a year (UTC+7/UTC+8 differences put a call in the year its owner's clock said), by category and partner.</summary>
    public static async Task<List<Count>> YearlyCountsAsync(BorderlinkDb db, int year, CancellationToken ct = default)
    {
        if (!FieldChecks.IsCalendarYear(year))
        {
            return [];
        }
        var party = db.Viewer.Party ?? "";
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(-8);
        var end = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var zone = await Web.TimeDisplay.OfPartyAsync(db, party, ct);
        var entries = await db.CommunicationEntries.AsNoTracking().Where(e => e.OwnerParty == party && e.OccurredAt >= start && e.OccurredAt < end)
            .Select(e => new { e.OccurredAt, e.Category, e.CounterpartParty }).ToListAsync(ct);
        return entries.Where(e => TimeZoneInfo.ConvertTime(e.OccurredAt, zone).Year == year)
            .GroupBy(e => (e.Category, e.CounterpartParty))
            .Select(g => new Count(g.Key.Category, g.Key.CounterpartParty, g.Count()))
            .OrderBy(c => c.Category).ThenBy(c => c.Partner, StringComparer.Ordinal).ToList();
    }

    private static IQueryable<CommunicationEntry> Filter(BorderlinkDb db, int? year, CommunicationCategory? category, string? partner)
    {
        var entries = db.CommunicationEntries.AsNoTracking();
        if (year is { } bad && !FieldChecks.IsCalendarYear(bad))
        {
            return entries.Where(_ => false);
        }
        if (year is { } y)
        {
            var start = new DateTimeOffset(y, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var end = start.AddYears(1);
            entries = entries.Where(e => e.OccurredAt >= start && e.OccurredAt < end);
        }
        if (category is { } c) entries = entries.Where(e => e.Category == c);
        if (!string.IsNullOrWhiteSpace(partner)) entries = entries.Where(e => e.CounterpartParty == partner || e.OwnerParty == partner);
        return entries;
    }
}
