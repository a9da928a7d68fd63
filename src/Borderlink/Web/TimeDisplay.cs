using System.Globalization;
using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Web;

/// <summary>Shows an instant in the reader's own zone and names the zone, e.g. "2026-11-23 00:30 (Asia/Shanghai, UTC+08:00)".</summary>
public sealed class TimeDisplay(Viewer viewer)
{
    public const string FallbackZone = "Asia/Ho_Chi_Minh";

    public TimeZoneInfo Zone { get; } = Find(viewer.TimeZoneId) ?? Find(FallbackZone)!;

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public string Format(DateTimeOffset instant)
    {
        var local = Local(instant);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({Zone.Id}, UTC{local.ToString("zzz", CultureInfo.InvariantCulture)})";
    }

    /// <summary>What a datetime-local field holds ("2026-11-22T20:05"), read in the reader's zone, as an ISO instant; the text unchanged when it is not a date and time (the checks after say so).</summary>
    public string? InstantFromInput(string? local) =>
        DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall) ? Instant(wall, Zone).ToString("O", CultureInfo.InvariantCulture) : local;

    /// <summary>A wall-clock time in a zone as an instant.</summary>
    public static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    /// <summary>The zone a party keeps its clock in (its days, weeks and years), UTC when it names none.</summary>
    public static async Task<TimeZoneInfo> OfPartyAsync(Data.BorderlinkDb db, string? party, CancellationToken ct) =>
        Find(await db.Parties.AsNoTracking().Where(p => p.Code == party).Select(p => p.TimeZone).FirstOrDefaultAsync(ct)) ?? TimeZoneInfo.Utc;
}
