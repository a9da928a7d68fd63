using Borderlink.Features.Reference;
using Borderlink.Web;

namespace Borderlink.Features.Gazetteer;

/// <summary>
/// A place typed by an officer (a code, or a name in any language and spelling) read against the gazetteer, the same way
/// on every form and in the API: taken when the gazetteer knows it well enough to be meant; otherwise the nearest names
/// are offered, and the officer may keep the text as written, marked as not in the gazetteer. An unknown name is never a
/// dead end.
/// </summary>
public static class ResolvePlace
{
    /// <summary>How close a name must come to a place's for the place to be taken without asking (accents, case, a letter off).</summary>
    public const double Score = 0.7;

    /// <summary>The longest name kept as written.</summary>
    public const int AsWrittenMax = 200;

    /// <summary>The kinds of entry a place may be: parties and places; with <paramref name="gates"/>, gate pairs too (a meeting at a border gate).</summary>
    public static Func<GazetteerEntry, bool> Kinds(bool gates = false) => e => gates || e.Kind != GazetteerKind.GatePair;

    /// <summary>A reference code as written, or the best match of an accepted kind that is close enough to be meant; null when none is.</summary>
    public static string? Code(IReadOnlyList<GazetteerEntry> entries, string typed, Func<GazetteerEntry, bool> accepts)
    {
        var name = typed.Trim();
        var exact = entries.FirstOrDefault(e => accepts(e) && string.Equals(e.Code, name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact.Code;
        return GazetteerIndex.Rank(entries, name, 8).FirstOrDefault(h => accepts(h.Entry) && h.Score >= Score)?.Entry.Code;
    }

    /// <summary>
    /// What the form says of a name the gazetteer does not know: up to three nearest names in the reader's language to
    /// choose from, and the choice of keeping it as written; or that it cannot be kept (too long, or with a separator).
    /// </summary>
    public static FieldError Unknown(IReadOnlyList<GazetteerEntry> entries, string field, string typed, Func<GazetteerEntry, bool> accepts)
    {
        var name = typed.Trim();
        if (!Keepable(name)) return new(field, "Error.PlaceNameUnusable", name);
        var nearest = GazetteerIndex.Rank(entries, name, 8).Where(h => accepts(h.Entry))
            .Select(h => h.Entry.Names.Name()).Distinct().Take(3).ToList();
        return nearest.Count > 0
            ? new(field, "Error.PlaceNotInGazetteer", name, Languages.List(nearest))
            : new(field, "Error.PlaceNotInGazetteerNoMatch", name);
    }

    /// <summary>
    /// A form's or request's one place field: nothing when empty; its code when the gazetteer knows it; the text itself
    /// when it does not and the author chose to keep it as written; otherwise an error on <paramref name="field"/> with the
    /// nearest names.
    /// </summary>
    public static async Task<(string? Code, string? AsWritten)> FieldAsync(GazetteerIndex gazetteer, List<FieldError> errors, string field,
        string? typed, bool keepAsWritten, Func<GazetteerEntry, bool> accepts, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(typed)) return (null, null);
        var name = typed.Trim();
        var entries = await gazetteer.EntriesAsync(ct);
        if (Code(entries, name, accepts) is { } code) return (code, null);
        if (keepAsWritten && Keepable(name)) return (null, name);
        errors.Add(Unknown(entries, field, name, accepts));
        return (null, null);
    }

    /// <summary>Whether a name can be kept as written: not too long, and without the characters lists of codes use.</summary>
    public static bool Keepable(string name) => name.Length is > 0 and <= AsWrittenMax && !name.Contains('|') && name[0] != AsWrittenMark;

    /// <summary>Marks a name kept as written where a list holds codes and names together (a notification's places).</summary>
    public const char AsWrittenMark = '~';
}
