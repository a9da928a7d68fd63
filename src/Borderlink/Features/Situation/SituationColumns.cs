using Borderlink.Features.Gazetteer;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Situation;

/// <summary>
/// The columns of a situation-report file. A header may be written in any of the four working languages (as in the
/// templates) or as the column's code; headers are compared without case, accents or spaces.
/// </summary>
public sealed class SituationColumns(IStringLocalizer<SharedResource> L)
{
    public const string Disease = "disease";
    public const string Place = "place";
    public const string Period = "period";
    public const string NewCases = "new_cases";
    public const string Deaths = "deaths";
    public const string Tests = "tests";
    public const string ImportedCases = "imported_cases";
    public const string InQuarantine = "in_quarantine";
    public const string Note = "note";
    /// <summary>Optional on import (it must then name the uploader's own party); always written on export.</summary>
    public const string Party = "party";

    public static readonly string[] All = [Period, Party, Place, Disease, NewCases, Deaths, Tests, ImportedCases, InQuarantine, Note];
    public static readonly string[] Required = [Disease, Place, Period, NewCases, Deaths];

    private Dictionary<string, string>? _byFoldedHeader;

    /// <summary>The header of a column in the current UI language.</summary>
    public string Label(string column) => L["Column." + column];

    /// <summary>The column a header names, or null.</summary>
    public string? Match(string? header)
    {
        _byFoldedHeader ??= Build();
        return _byFoldedHeader.GetValueOrDefault(SearchKey.Fold(header));
    }

    private Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in All)
        {
            map.TryAdd(SearchKey.Fold(column), column);
            foreach (var culture in Languages.Cultures)
            {
                map.TryAdd(SearchKey.Fold(Languages.In(culture, () => L["Column." + column].Value)), column);
            }
        }
        return map;
    }
}
