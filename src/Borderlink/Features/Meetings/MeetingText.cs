using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Meetings;

/// <summary>How a meeting's kind reads: "13th JWC conference", "Hội nghị JWC lần thứ 13", "第13次联委会会议", "13e conférence du JWC".</summary>
public static class MeetingText
{
    public static string Kind(IStringLocalizer L, Meeting m) =>
        m.Number is { } n ? L["MeetingKind.Numbered." + m.Kind, Ordinal(n, CultureInfo.CurrentUICulture)] : L["MeetingKind." + m.Kind];

    /// <summary>The number as the language writes an ordinal where the sentence needs it (Vietnamese and Chinese put the word in the sentence).</summary>
    public static string Ordinal(int n, CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "en" => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" }),
        "fr" => n == 1 ? "1re" : n + "e",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
