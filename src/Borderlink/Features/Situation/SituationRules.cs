using System.Globalization;
using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>One thing wrong with an uploaded file or a form: where (row and column as the user sees them) and what.</summary>
public sealed record ImportProblem(int Row, string? Column, string MessageKey, params object[] Args);

/// <summary>A checked row, with its reference codes resolved.</summary>
public sealed record CheckedRow(PeriodKind Kind, DateOnly Start, SituationRow Row)
{
    public (PeriodKind, DateOnly, string, string) Key => (Kind, Start, Row.Disease, Row.Place);
}

/// <summary>
/// Resolves what people write in a situation report to reference codes: diseases by code or by any of their names,
/// places through the gazetteer's folding (case, accents, đ, traditional characters, "Tỉnh"/"Province"). Only exact
/// matches count — a bulk file is never guessed — and a near miss is offered as a suggestion. A party reports its own
/// places only.
/// </summary>
public sealed class SituationRules
{
    public const int CountMax = 10_000_000;

    private readonly Dictionary<string, string> _diseases;
    private readonly IReadOnlyList<GazetteerEntry> _entries;
    private readonly Dictionary<string, GazetteerEntry?> _places = new(StringComparer.Ordinal);
    // A file repeats the same few names and periods thousands of times: each distinct text is resolved once.
    private readonly Dictionary<string, string?> _diseaseByText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _placeByText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (bool Ok, PeriodKind Kind, DateOnly Start)> _periodByText = new(StringComparer.Ordinal);
    private readonly string _party;
    /// <summary>The reporting party's date now: a period that has not begun yet cannot have figures.</summary>
    private readonly DateOnly _today;

    private SituationRules(string party, DateOnly today, Dictionary<string, string> diseases, IReadOnlyList<GazetteerEntry> entries)
    {
        _party = party;
        _today = today;
        _diseases = diseases;
        _entries = entries;
    }

    public static async Task<SituationRules> ForAsync(BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock, string party, CancellationToken ct)
    {
        var zone = await Web.TimeDisplay.OfPartyAsync(db, party, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var diseases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in await db.Diseases.AsNoTracking().ToListAsync(ct))
        {
            foreach (var key in GazetteerIndex.Keys(d, d.Aliases, d.Code, d.Icd10))
            {
                diseases.TryAdd(key, d.Code);
            }
        }
        return new SituationRules(party, today, diseases, await gazetteer.EntriesAsync(ct));
    }

    public string? Disease(string? text)
    {
        if (text is null) return null;
        if (!_diseaseByText.TryGetValue(text, out var code))
        {
            code = _diseases.GetValueOrDefault(SearchKey.Fold(text));
            _diseaseByText[text] = code;
        }
        return code;
    }

    /// <summary>The owner party's place (or the party itself) a name means, or null.</summary>
    public string? Place(string? text)
    {
        if (text is null) return null;
        if (_placeByText.TryGetValue(text, out var known)) return known;
        var resolved = PlaceByKey(text);
        _placeByText[text] = resolved;
        return resolved;
    }

    private string? PlaceByKey(string text)
    {
        var key = SearchKey.Fold(text);
        if (key.Length == 0) return null;
        if (!_places.TryGetValue(key, out var entry))
        {
            var exact = _entries.Where(e => e.Kind != GazetteerKind.GatePair && (e.PartyCode == _party || e.Code == _party)
                    && (SearchKey.Fold(e.Code) == key || e.Keys.Contains(key)))
                .OrderBy(e => e.Kind == GazetteerKind.Party ? 0 : 1)
                .ThenBy(e => e.IsFormer) // "Lộc Bình": the commune of today before the district it replaced
                .ThenBy(e => GazetteerIndex.LevelRank(e.Level)) // "凭祥": the city before the town in it
                .ToList();
            entry = exact.Count > 0 ? exact[0] : null;
            _places[key] = entry;
        }
        return entry?.Code;
    }

    /// <summary>A name the gazetteer finds close to what was written, to suggest.</summary>
    public string? Suggestion(string? text)
    {
        var hits = GazetteerIndex.Rank(_entries.Where(e => e.Kind != GazetteerKind.GatePair && (e.PartyCode == _party || e.Code == _party)).ToList(), text, 1);
        return hits.Count > 0 ? hits[0].Entry.Names.Name() : null;
    }

    /// <summary>Checks one row's cells (already split by column); adds problems and returns the row when it is good.</summary>
    public CheckedRow? Check(int row, Func<string, (string? Value, string Header)> cell, ImportProblems problems)
    {
        var before = problems.Count;
        var (diseaseText, diseaseHeader) = cell(SituationColumns.Disease);
        var disease = Disease(diseaseText);
        if (string.IsNullOrWhiteSpace(diseaseText)) problems.Add(new(row, diseaseHeader, "Error.Required"));
        else if (disease is null) problems.Add(new(row, diseaseHeader, "Error.UnknownDisease", diseaseText.Trim()));

        var (placeText, placeHeader) = cell(SituationColumns.Place);
        var place = Place(placeText);
        if (string.IsNullOrWhiteSpace(placeText)) problems.Add(new(row, placeHeader, "Error.Required"));
        else if (place is null)
        {
            problems.Add(!problems.Full && Suggestion(placeText) is { } near
                ? new(row, placeHeader, "Import.PlaceNotOursSuggest", placeText.Trim(), near)
                : new(row, placeHeader, "Import.PlaceNotOurs", placeText.Trim()));
        }

        var (periodText, periodHeader) = cell(SituationColumns.Period);
        var periodKey = periodText ?? "";
        if (!_periodByText.TryGetValue(periodKey, out var period))
        {
            var ok = Periods.TryParse(periodText, out var parsedKind, out var parsedStart);
            period = (ok, parsedKind, parsedStart);
            _periodByText[periodKey] = period;
        }
        var (_, kind, start) = period;
        if (!period.Ok) problems.Add(new(row, periodHeader, "Import.BadPeriod", periodText?.Trim() ?? ""));
        else if (start > _today) problems.Add(new(row, periodHeader, "Import.FuturePeriod", periodText?.Trim() ?? ""));

        var newCases = Count(row, cell(SituationColumns.NewCases), required: true, problems);
        var deaths = Count(row, cell(SituationColumns.Deaths), required: true, problems);
        var tests = Count(row, cell(SituationColumns.Tests), required: false, problems);
        var imported = Count(row, cell(SituationColumns.ImportedCases), required: false, problems);
        var quarantine = Count(row, cell(SituationColumns.InQuarantine), required: false, problems);
        var (partyText, partyHeader) = cell(SituationColumns.Party);
        if (!string.IsNullOrWhiteSpace(partyText) && Place(partyText) != _party) problems.Add(new(row, partyHeader, "Import.NotOurParty", partyText.Trim()));
        var (note, noteHeader) = cell(SituationColumns.Note);
        if (note?.Length > SituationRow.NoteMax) problems.Add(new(row, noteHeader, "Error.TooLong", SituationRow.NoteMax));

        if (problems.Count > before) return null;
        return new CheckedRow(kind, start, new SituationRow
        {
            Disease = disease!, Place = place!, NewCases = newCases!.Value, Deaths = deaths!.Value, Tests = tests, ImportedCases = imported,
            InQuarantine = quarantine, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });
    }

    private static int? Count(int row, (string? Value, string Header) cell, bool required, ImportProblems problems)
    {
        var text = cell.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) problems.Add(new(row, cell.Header, "Error.Required"));
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= CountMax) return value;
        problems.Add(new(row, cell.Header, "Error.CountRange", CountMax));
        return null;
    }
}
