using System.Globalization;
using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Web;

/// <summary>
/// Shows an instant in the reader's own zone and names the zone as people say it, in the reader's language, with its
/// offset: "2026-11-23 00:30 (北京时间, UTC+8)", "2026-11-22 23:30 (giờ Hà Nội, UTC+7)".
/// </summary>
public sealed class TimeDisplay(Viewer viewer, IStringLocalizer<SharedResource> L)
{
    public const string FallbackZone = "Asia/Ho_Chi_Minh";

    /// <summary>The zones a person may choose for their clock or a meeting's (each has its name in four languages).</summary>
    public static readonly IReadOnlyList<string> OfferedZones = ["Asia/Ho_Chi_Minh", "Asia/Shanghai", "UTC"];

    public TimeZoneInfo Zone { get; } = Find(viewer.TimeZoneId) ?? Find(FallbackZone)!;

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public string Format(DateTimeOffset instant)
    {
        var local = Local(instant);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({Label(L, Zone, local.Offset)})";
    }

    /// <summary>A zone as people say it in the current language ("giờ Hà Nội", "北京时间"); its id where it has no name.</summary>
    public static string Name(IStringLocalizer L, string zoneId)
    {
        var name = L["Zone." + zoneId];
        return name.ResourceNotFound ? zoneId : name.Value;
    }

    /// <summary>"北京时间, UTC+8": the zone's name and the offset it has at that moment ("UTC" alone for UTC itself).</summary>
    public static string Label(IStringLocalizer L, TimeZoneInfo zone, TimeSpan offset) =>
        zone.Id == "UTC" ? Offset(offset) : $"{Name(L, zone.Id)}, {Offset(offset)}";

    /// <summary>A zone to choose or read in a list: "北京时间 (UTC+8)", "UTC".</summary>
    public static string Choice(IStringLocalizer L, string zoneId) =>
        Find(zoneId) is not { } zone ? zoneId : zone.Id == "UTC" ? Offset(TimeSpan.Zero) : $"{Name(L, zone.Id)} ({Offset(zone.BaseUtcOffset)})";

    /// <summary>"UTC+7", "UTC+5:30", "UTC".</summary>
    public static string Offset(TimeSpan offset) => offset == TimeSpan.Zero
        ? "UTC"
        : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{Math.Abs(offset.Hours)}{(offset.Minutes != 0 ? $":{Math.Abs(offset.Minutes):00}" : "")}";

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
