using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Reference;

/// <summary>
/// A gate pair's mode and level in the reader's language ("đường bộ · cửa khẩu quốc tế", "公路 · 国际口岸"), not the
/// English codes the reference data stores. A level an administrator typed in their own words is shown as typed.
/// </summary>
public static class GateWords
{
    public static readonly IReadOnlyList<string> Modes = ["road", "rail", "road and rail"];
    public static readonly IReadOnlyList<string> Levels = ["international", "bilateral", "secondary"];

    public static string Mode(IStringLocalizer L, string mode) => Word(L, "GateMode.", mode);

    public static string Level(IStringLocalizer L, string level) => Word(L, "GateLevel.", level);

    private static string Word(IStringLocalizer L, string prefix, string value)
    {
        var word = L[prefix + value];
        return word.ResourceNotFound ? value : word.Value;
    }
}
