using System.Globalization;

namespace Borderlink.Features.Reference;

/// <summary>Reference data carries its own name in each of the four working languages.</summary>
public interface INamed
{
    string NameEn { get; }
    string NameVi { get; }
    string NameZh { get; }
    string NameFr { get; }
}

/// <summary>A reference entry an administrator may rename: four names and other spellings.</summary>
public interface IRenamable : INamed
{
    new string NameEn { get; set; }
    new string NameVi { get; set; }
    new string NameZh { get; set; }
    new string NameFr { get; set; }
    string Aliases { get; set; }
}

public static class NamedExtensions
{
    /// <summary>Copies the four names and the other spellings as they are.</summary>
    public static void CopyNamesTo(this IRenamable from, IRenamable to) =>
        (to.NameEn, to.NameVi, to.NameZh, to.NameFr, to.Aliases) = (from.NameEn, from.NameVi, from.NameZh, from.NameFr, from.Aliases);

    /// <summary>The name in the given UI culture (vi, zh-Hans, fr; English otherwise).</summary>
    public static string Name(this INamed named, CultureInfo? culture = null)
    {
        var language = (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName;
        var name = language switch
        {
            "vi" => named.NameVi,
            "zh" => named.NameZh,
            "fr" => named.NameFr,
            _ => named.NameEn,
        };
        return string.IsNullOrWhiteSpace(name) ? named.NameEn : name;
    }
}
