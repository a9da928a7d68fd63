using System.Globalization;
using System.Text.RegularExpressions;

namespace Borderlink.Features.Situation;

/// <summary>Reporting periods written the ISO way: "2026-W47" for a week, "2026-11-22" for a day.</summary>
public static partial class Periods
{
    [GeneratedRegex(@"^\s*(\d{4})\s*-?\s*W\s*(\d{1,2})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WeekPattern();

    public static string Format(PeriodKind kind, DateOnly start) => kind == PeriodKind.Week
        ? $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00}"
        : start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads "2026-W47" (or "2026W47") as a week and "2026-11-22" as a day.</summary>
    public static bool TryParse(string? text, out PeriodKind kind, out DateOnly start)
    {
        kind = PeriodKind.Week;
        start = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var week = WeekPattern().Match(text);
        if (week.Success)
        {
            var year = int.Parse(week.Groups[1].Value, CultureInfo.InvariantCulture);
            var number = int.Parse(week.Groups[2].Value, CultureInfo.InvariantCulture);
            if (year is < 2000 or > 2100 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
            start = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday));
            return true;
        }
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 2000 and <= 2100)
        {
            kind = PeriodKind.Day;
            start = day;
            return true;
        }
        return false;
    }

    /// <summary>The period before this one.</summary>
    public static DateOnly Previous(PeriodKind kind, DateOnly start) => kind == PeriodKind.Week ? start.AddDays(-7) : start.AddDays(-1);

    /// <summary>The period containing a day.</summary>
    public static DateOnly StartOf(PeriodKind kind, DateOnly day) =>
        kind == PeriodKind.Week ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : day;
}
