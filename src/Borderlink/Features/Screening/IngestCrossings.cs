using System.Data.Common;
using System.Globalization;
using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Web;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Screening;

/// <summary>
/// A gate system's batch of crossings, NDJSON or CSV, read as a stream (a million lines never sit in memory) and written
/// the engine's fastest way inside one transaction: the batch is applied whole or refused whole with the bad lines
/// named. Ids are the client's: lines already stored are skipped, and a batch id seen before answers with its first result.
/// </summary>
public sealed class IngestCrossings(BorderlinkDb db, TimeProvider clock, ScreeningSummaries summaries, IServiceScopeFactory scopes, ILogger<IngestCrossings> logger)
{
    public const int MaxErrors = 100;

    public enum Format
    {
        NdJson,
        Csv,
    }

    public sealed record LineError(int Line, string Field, string MessageKey, object[] Args);

    public sealed record Result(Guid BatchId, int Lines, int Applied, int AlreadyPresent, bool Replayed);

    public abstract record Outcome
    {
        public sealed record Done(Result Result) : Outcome;
        public sealed record Refused(IReadOnlyList<LineError> Errors, int LinesRead) : Outcome;
        public sealed record Forbidden(string Code) : Outcome;
    }

    public async Task<Outcome> RunAsync(string gateCode, Stream body, Format format, Guid? batchId, CancellationToken ct)
    {
        var viewer = db.Viewer;
        var gate = await db.GatePairs.AsNoTracking().FirstOrDefaultAsync(g => g.Code == gateCode, ct);
        if (viewer.Party is null || gate is null || !gate.HasSide(viewer.Party))
            return await RefuseAsync("gate-not-ours", $"crossings for gate {gateCode} not allowed", ct);
        if (viewer.GateScope is { } scope && scope != gate.Code)
            return await RefuseAsync("gate-out-of-scope", $"token for gate {scope} sent crossings for gate {gate.Code}", ct);
        // The batch's id comes from the caller's party and its key: the same key from another party is a fresh key,
        // and says nothing about that party's batches.
        var batch = batchId is { } key ? BatchIdOf(viewer.Party, key) : Guid.CreateVersion7();
        if (batchId is not null && await db.CrossingBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batch && b.Party == viewer.Party, ct) is { } earlier)
            return new Outcome.Done(new Result(earlier.Id, earlier.Lines, earlier.Applied, earlier.AlreadyPresent, Replayed: true));

        var zone = await Web.TimeDisplay.OfPartyAsync(db, viewer.Party, ct);
        var now = clock.GetUtcNow();
        DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Pass pass;
        if (db.CrossingsHaveDirectPath)
        {
            // Fast path: straight into the table. Should an id already be there (lines sent again without their batch key),
            // the engine refuses the whole copy; the batch is then read again from a spool of what arrived, skipping stored ids.
            var spoolPath = Path.Combine(Path.GetTempPath(), $"borderlink-batch-{batch}.spool");
            await using var spool = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            var tee = new TeeStream(body, spool);
            await transaction.CreateSavepointAsync("direct", ct);
            try
            {
                pass = await PassAsync(tee, format, direct: true, gate.Code, LocalDate, now, batch, ct);
            }
            catch (DbException e) when (db.IsUniqueViolation(e))
            {
                await tee.DrainAsync(ct);
                await transaction.RollbackToSavepointAsync("direct", ct);
                spool.Position = 0;
                pass = await PassAsync(spool, format, direct: false, gate.Code, LocalDate, now, batch, ct);
            }
        }
        else
        {
            pass = await PassAsync(body, format, direct: false, gate.Code, LocalDate, now, batch, ct);
        }
        if (pass.Errors.Count > 0)
        {
            // Nothing of a refused batch stays: the transaction is rolled back when it is disposed.
            return new Outcome.Refused(pass.Errors, pass.Lines);
        }
        var stored = watch.Elapsed;
        var (lines, applied) = (pass.Lines, pass.Applied);
        db.CrossingBatches.Add(new CrossingBatch
        {
            Id = batch, Party = viewer.Party, GatePair = gate.Code, Lines = lines, Applied = applied, AlreadyPresent = lines - applied, ReceivedAt = now,
            ReceivedBy = viewer.Name,
        });
        db.Audit(AuditActions.Create, AuditOutcomes.Ok, detail: $"crossings batch {batch} for {gate.Code}: {lines} lines, {applied} new", recordType: "crossing-batch", recordId: batch);
        await db.SaveChangesAsync(ct);
        await summaries.RefreshAsync(viewer.Party, gate, pass.Days, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Crossings batch {Batch} for {Gate}: {Lines} lines, {Applied} new; read and stored {Stored:F1} s, counted and committed {Total:F1} s",
            batch, gate.Code, lines, applied, stored.TotalSeconds, (watch.Elapsed - stored).TotalSeconds);
        return new Outcome.Done(new Result(batch, lines, applied, lines - applied, Replayed: false));
    }

    private sealed record Pass(int Lines, int Applied, List<LineError> Errors, HashSet<DateOnly> Days);

    /// <summary>One reading of the batch: every line checked, the good ones written while the batch is still whole.</summary>
    private async Task<Pass> PassAsync(Stream source, Format format, bool direct, string gate, Func<DateTimeOffset, DateOnly> localDate, DateTimeOffset now, Guid batch,
        CancellationToken ct)
    {
        var party = db.Viewer.Party!;
        var errors = new List<LineError>();
        var seen = new HashSet<Guid>();
        var days = new HashSet<DateOnly>();
        var lines = 0;
        // Permits are read through a connection of their own: this one is busy copying rows.
        await using var permitScope = scopes.CreateAsyncScope();
        var permits = new Permits.PermitCheck(permitScope.ServiceProvider.GetRequiredService<BorderlinkDb>());
        await using var writer = await db.BeginCrossingsAsync(direct, ct);
        await foreach (var (number, line, parseError) in ReadAsync(source, format, ct))
        {
            lines = number;
            if (parseError is not null)
            {
                errors.Add(new LineError(number, "", parseError, []));
            }
            else if (line!.Check(party, gate, localDate, now, batch, out var error) is { } record)
            {
                if (!seen.Add(record.Id)) errors.Add(new LineError(number, "id", "Ingest.RepeatedId", [record.Id]));
                else if (record.PermitId is { } permit && await permits.CheckAsync(permit, gate, record.LocalDate, ct) is { } refused)
                    errors.Add(new LineError(number, refused.Field, refused.MessageKey, refused.Args));
                else if (errors.Count == 0)
                {
                    days.Add(record.LocalDate);
                    await writer.WriteAsync(record, ct);
                }
            }
            else
            {
                errors.Add(new LineError(number, error!.Field, error.MessageKey, error.Args));
            }
            if (errors.Count >= MaxErrors) break;
        }
        if (lines == 0) errors.Add(new LineError(0, "", "Ingest.Empty", []));
        var applied = errors.Count == 0 ? await writer.CompleteAsync(ct) : 0;
        return new Pass(lines, applied, errors, days);
    }

    /// <summary>A batch's id from its party and Idempotency-Key (a name-based UUID, version 8).</summary>
    public static Guid BatchIdOf(string party, Guid key)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"crossing-batch|{party}|{key:D}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private async Task<Outcome> RefuseAsync(string code, string detail, CancellationToken ct)
    {
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: detail);
        await db.SaveChangesAsync(ct);
        return new Outcome.Forbidden(code);
    }

    /// <summary>The body line by line (NDJSON) or row by row (CSV with a header), numbered from 1 as an editor numbers them.</summary>
    private static IAsyncEnumerable<(int Number, CrossingLine? Line, string? Error)> ReadAsync(Stream body, Format format, CancellationToken ct) =>
        format == Format.NdJson ? NdJsonLines.ReadAsync(body, ct) : ReadCsvAsync(body, ct);

    private static async IAsyncEnumerable<(int Number, CrossingLine? Line, string? Error)> ReadCsvAsync(Stream body,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), MissingFieldFound = null, HeaderValidated = null, BadDataFound = null,
        };
        using var csv = new CsvReader(reader, config);
        var row = 1;
        if (!await csv.ReadAsync() || !csv.ReadHeader()) yield break;
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            row++;
            CrossingLine? line = null;
            string? error = null;
            try
            {
                line = csv.GetRecord<CrossingLine>();
            }
            catch (CsvHelperException)
            {
                error = "Ingest.BadCsv";
            }
            yield return (row, line, error);
        }
    }
}
