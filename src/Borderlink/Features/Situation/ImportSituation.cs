using System.Text.Json;
using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>What an import (or a form, or an API push) of situation counts came to.</summary>
public abstract record ImportOutcome
{
    public sealed record Imported(int Rows, int Periods, int Replaced) : ImportOutcome;
    /// <summary>The whole input is refused; nothing was saved. <see cref="Total"/> counts every problem, <see cref="Problems"/> shows the first ones.</summary>
    public sealed record Rejected(IReadOnlyList<ImportProblem> Problems, int Total) : ImportOutcome;
    /// <summary>Some rows would replace counts already reported; nothing was saved until the uploader confirms.</summary>
    public sealed record NeedsConfirmation(Guid PendingId, int Rows, int Conflicts, IReadOnlyList<string> Examples) : ImportOutcome;
    public sealed record Forbidden : ImportOutcome;
    public sealed record NotFound : ImportOutcome;
}

/// <summary>
/// Takes situation counts in — a CSV or XLSX file, form rows or API rows — checks every row, and saves all of them in
/// one transaction or none. Counts that already exist for the same disease, place and period are replaced only when
/// the caller says so; otherwise the checked rows wait as a pending import for the uploader to confirm.
/// </summary>
public sealed class ImportSituation(BorderlinkDb db, GazetteerIndex gazetteer, SituationColumns columns, TimeProvider clock, Web.NodeMetrics metrics,
    ILogger<ImportSituation> logger)
{
    /// <summary>When the request that asked for this import began (the use case lives for one request).</summary>
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    public static readonly TimeSpan PendingLifetime = TimeSpan.FromHours(2);

    public async Task<ImportOutcome> FileAsync(Stream content, string fileName, bool replace, FileEncoding encoding = FileEncoding.Auto, CancellationToken ct = default)
    {
        if (Party() is not { } party) return new ImportOutcome.Forbidden();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (opened, error) = await SituationFile.ReadAsync(content, fileName, encoding, ct);
        if (opened is null) return new ImportOutcome.Rejected([new ImportProblem(0, null, error!)], 1);
        using var file = opened;
        var read = watch.Elapsed;

        var problems = new ImportProblems();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var blankHeaders = new List<int>();
        for (var i = 0; i < file.Headers.Count; i++)
        {
            var header = file.Headers[i].Trim();
            if (header.Length == 0)
            {
                blankHeaders.Add(i); // a column without a header is fine while nothing is written in it
                continue;
            }
            var column = columns.Match(header);
            if (column is null) problems.Add(new ImportProblem(1, header, "Import.UnknownColumn", header));
            else if (!index.TryAdd(column, i)) problems.Add(new ImportProblem(1, header, "Import.DuplicateColumn", header));
        }
        problems.AddRange(SituationColumns.Required.Where(c => !index.ContainsKey(c)).Select(c => new ImportProblem(1, null, "Import.MissingColumn", columns.Label(c))));
        if (problems.Count > 0) return new ImportOutcome.Rejected(problems.Shown, problems.Count);

        var rules = await SituationRules.ForAsync(db, gazetteer, clock, party, ct);
        var rows = new List<CheckedRow>();
        var rowNumbers = new List<int>();
        // Where each column is and what to call it in a problem, worked out once: a file has a hundred thousand lines.
        var at = SituationColumns.All.ToDictionary(c => c, c => index.TryGetValue(c, out var i) ? (i, file.Headers[i].Trim()) : (-1, columns.Label(c)),
            StringComparer.Ordinal);
        string[] cells = [];
        (string? Value, string Header) Cell(string column)
        {
            var (i, header) = at[column];
            return (i >= 0 && i < cells.Length ? cells[i] : null, header);
        }
        var cell = Cell;
        var lines = 0;
        var blankColumnUsed = false;
        foreach (var line in file.Lines)
        {
            lines++;
            cells = line.Cells;
            if (!blankColumnUsed && blankHeaders.Any(i => i < cells.Length && !string.IsNullOrWhiteSpace(cells[i])))
            {
                blankColumnUsed = true;
                problems.Add(new ImportProblem(1, "", "Import.UnknownColumn", ""));
            }
            // Rows are kept while the file is good; after the first problem only problems are counted.
            if (rules.Check(line.Row, cell, problems) is { } row && problems.Count == 0)
            {
                rows.Add(row);
                rowNumbers.Add(line.Row);
            }
            else if (rows.Count > 0)
            {
                rows = [];
                rowNumbers = [];
            }
        }
        if (file.ErrorKey is { } broken) return new ImportOutcome.Rejected([new ImportProblem(0, null, broken)], 1);
        if (lines == 0) return new ImportOutcome.Rejected([new ImportProblem(0, null, "Import.Empty")], 1);
        var checkedAt = watch.Elapsed;
        var outcome = await RowsAsync(rows, rowNumbers, problems, replace, fileName, ct);
        logger.LogInformation("Situation import {File}: {Lines} rows, {Problems} problems; read {Read:F2} s, checked {Checked:F2} s, stored {Stored:F2} s",
            fileName, lines, problems.Count, read.TotalSeconds, (checkedAt - read).TotalSeconds, (watch.Elapsed - checkedAt).TotalSeconds);
        return outcome;
    }

    /// <summary>Rows from a form or the API: each is checked the same way, numbered from 1.</summary>
    public async Task<ImportOutcome> EntriesAsync(IReadOnlyList<Entry> entries, bool replace, string source, CancellationToken ct = default)
    {
        if (Party() is not { } party) return new ImportOutcome.Forbidden();
        if (entries.Count == 0) return new ImportOutcome.Rejected([new ImportProblem(0, null, "Import.Empty")], 1);
        var rules = await SituationRules.ForAsync(db, gazetteer, clock, party, ct);
        var problems = new ImportProblems();
        var rows = new List<CheckedRow>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } e)
            {
                problems.Add(new ImportProblem(i + 1, null, "Error.Required"));
                continue;
            }
            var cells = new Dictionary<string, string?>
            {
                [SituationColumns.Disease] = e.Disease, [SituationColumns.Place] = e.Place, [SituationColumns.Period] = e.Period,
                [SituationColumns.NewCases] = e.NewCases?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SituationColumns.Deaths] = e.Deaths?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SituationColumns.Tests] = e.Tests?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SituationColumns.ImportedCases] = e.ImportedCases?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SituationColumns.InQuarantine] = e.InQuarantine?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SituationColumns.Note] = e.Note, [SituationColumns.Party] = null,
            };
            if (rules.Check(i + 1, c => (cells[c], c), problems) is { } row) rows.Add(row);
        }
        return await RowsAsync(rows, Enumerable.Range(1, entries.Count).ToList(), problems, replace, source, ct);
    }

    /// <summary>Saves a pending import its uploader has confirmed.</summary>
    public async Task<ImportOutcome> ConfirmAsync(Guid pendingId, CancellationToken ct = default)
    {
        if (Party() is not { } party) return new ImportOutcome.Forbidden();
        var pending = await db.PendingImports.FirstOrDefaultAsync(p => p.Id == pendingId && p.UserId == db.Viewer.UserId && p.Party == party, ct);
        if (pending is null || pending.CreatedAt + PendingLifetime < clock.GetUtcNow()) return new ImportOutcome.NotFound();
        var rows = JsonSerializer.Deserialize<List<CheckedRow>>(pending.Rows, PendingJson)!;
        db.PendingImports.Remove(pending);
        return await SaveAsync(party, rows, await OwnReportsAsync(party, rows, ct), pending.FileName, ct);
    }

    public sealed record Entry(string? Disease, string? Place, string? Period, int? NewCases, int? Deaths, int? Tests = null, int? ImportedCases = null,
        int? InQuarantine = null, string? Note = null);

    private string? Party() =>
        db.Viewer is { Party: { } party, AgencyId: not null } viewer && viewer.IsOfficer ? party : null;

    private async Task<ImportOutcome> RowsAsync(List<CheckedRow> rows, List<int> rowNumbers, ImportProblems problems, bool replace, string source,
        CancellationToken ct)
    {
        var party = Party()!;
        var seen = new Dictionary<(PeriodKind, DateOnly, string, string), int>(rows.Count);
        var numbered = rowNumbers.Count == rows.Count;
        for (var i = 0; i < rows.Count && numbered; i++)
        {
            if (!seen.TryAdd(rows[i].Key, rowNumbers[i]))
                problems.Add(new ImportProblem(rowNumbers[i], null, "Import.DuplicateRow", seen[rows[i].Key]));
        }
        if (problems.Count > 0)
        {
            return new ImportOutcome.Rejected(problems.Shown, problems.Count);
        }

        var reports = await OwnReportsAsync(party, rows, ct);
        var existing = reports.SelectMany(r => r.Rows.Select(row => (r.PeriodKind, r.PeriodStart, row.Disease, row.Place))).ToHashSet();
        var conflicts = rows.Where(r => existing.Contains(r.Key)).ToList();
        if (conflicts.Count > 0 && !replace)
        {
            var pending = new PendingImport
            {
                UserId = db.Viewer.UserId ?? "", Party = party, FileName = source, Rows = JsonSerializer.Serialize(rows, PendingJson), RowCount = rows.Count,
                Conflicts = conflicts.Count, CreatedAt = clock.GetUtcNow(),
            };
            db.PendingImports.RemoveRange(await db.PendingImports.Where(p => p.CreatedAt < clock.GetUtcNow() - PendingLifetime).ToListAsync(ct));
            db.PendingImports.Add(pending);
            await db.SaveChangesAsync(ct);
            var examples = conflicts.Take(5).Select(c => $"{Periods.Format(c.Kind, c.Start)} · {c.Row.Disease} · {c.Row.Place}").ToList();
            return new ImportOutcome.NeedsConfirmation(pending.Id, rows.Count, conflicts.Count, examples);
        }
        var outcome = await SaveAsync(party, rows, reports, source, ct);
        return outcome is ImportOutcome.Imported done ? done with { Replaced = conflicts.Count } : outcome;
    }

    /// <summary>The party's own reports for the periods the rows fall in, tracked, to merge into.</summary>
    private Task<List<SituationReport>> OwnReportsAsync(string party, IEnumerable<CheckedRow> rows, CancellationToken ct)
    {
        var starts = rows.Select(r => r.Start).Distinct().ToList();
        if (starts.Count == 0) return Task.FromResult(new List<SituationReport>());
        var kinds = rows.Select(r => r.Kind).Distinct().ToList();
        // The kind and the span let the unique index (party, kind, start) narrow the search before each start is looked up.
        var (first, last) = (starts.Min(), starts.Max());
        return db.SituationReports.Where(r => r.OwnerParty == party && kinds.Contains(r.PeriodKind) && r.PeriodStart >= first && r.PeriodStart <= last
            && starts.Contains(r.PeriodStart)).ToListAsync(ct);
    }

    private async Task<ImportOutcome> SaveAsync(string party, List<CheckedRow> rows, List<SituationReport> reports, string source, CancellationToken ct)
    {
        var byPeriod = rows.GroupBy(r => (r.Kind, r.Start)).ToList();
        var partners = await PartnersAsync(party, ct);
        var replaced = 0;
        foreach (var period in byPeriod)
        {
            var report = reports.FirstOrDefault(r => r.PeriodKind == period.Key.Kind && r.PeriodStart == period.Key.Start);
            if (report is null)
            {
                report = new SituationReport { OwnerParty = party, OwnerAgencyId = db.Viewer.AgencyId!.Value, PeriodKind = period.Key.Kind, PeriodStart = period.Key.Start };
                report.SetVisibility(partners.Count > 0 ? Visibility.Partners : Visibility.Internal, partners, []);
                db.SituationReports.Add(report);
            }
            var incoming = period.Select(r => r.Row).ToList();
            if (report.Rows.Count > 0)
            {
                var keys = incoming.Select(r => (r.Disease, r.Place)).ToHashSet();
                replaced += report.Rows.Count(r => keys.Contains((r.Disease, r.Place)));
                incoming = [.. report.Rows.Where(r => !keys.Contains((r.Disease, r.Place))), .. incoming];
            }
            // A new list, so the change to the JSON column is seen.
            report.Rows = incoming;
        }
        db.Audit(Audit.AuditActions.SituationImport, Audit.AuditOutcomes.Ok, detail: Audit.AuditDetail.SituationImported(rows.Count, byPeriod.Count, source, replaced));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else created one of these periods' reports at the same moment; nothing of this import was saved.
            db.ChangeTracker.Clear();
            return new ImportOutcome.Rejected([new ImportProblem(0, null, "Import.Concurrent")], 1);
        }
        metrics.Imported("situation", rows.Count, System.Diagnostics.Stopwatch.GetElapsedTime(_started));
        return new ImportOutcome.Imported(rows.Count, byPeriod.Count, replaced);
    }

    /// <summary>A new report is shared with the mechanism's partners unless its owner narrows it.</summary>
    private Task<List<string>> PartnersAsync(string party, CancellationToken ct) => Reference.PartnerParties.OfAsync(db, clock, party, ct);

    private static readonly JsonSerializerOptions PendingJson = new(JsonSerializerDefaults.Web);
}
