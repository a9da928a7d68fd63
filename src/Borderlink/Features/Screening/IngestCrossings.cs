using System.Data.Common;
using System.Globalization;
using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Screening;

/// <summary>
/// A gate system's batch of crossings, NDJSON or CSV, read as a stream (a million lines never sit in memory) and written
/// the engine's fastest way without holding up anyone else's writes: the batch is applied whole or refused whole with the
/// bad lines named, and nobody sees a row of it before it is complete. Ids are the client's: lines already stored are
/// skipped, and a batch id seen before answers with its first result.
/// </summary>
public sealed class IngestCrossings(BorderlinkDb db, TimeProvider clock, ScreeningSummaries summaries, IServiceScopeFactory scopes, Web.NodeMetrics metrics,
    ILogger<IngestCrossings> logger)
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
            return await RefuseAsync("gate-not-ours", AuditDetail.CrossingsGateNotOurs(gateCode), ct);
        if (viewer.GateScope is { } scope && scope != gate.Code)
            return await RefuseAsync("gate-out-of-scope", AuditDetail.CrossingsGateOutOfScope(scope, gate.Code), ct);
        // The batch's id comes from the caller's party and its key: the same key from another party is a fresh key,
        // and says nothing about that party's batches.
        var batch = batchId is { } key ? BatchIdOf(viewer.Party, key) : Guid.CreateVersion7();
        if (batchId is not null && await db.CrossingBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batch && b.Party == viewer.Party && !b.Receiving, ct) is { } earlier)
            return new Outcome.Done(new Result(earlier.Id, earlier.Lines, earlier.Applied, earlier.AlreadyPresent, Replayed: true));

        var zone = await Web.TimeDisplay.OfPartyAsync(db, viewer.Party, ct);
        var now = clock.GetUtcNow();
        DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var row = new CrossingBatch { Id = batch, Party = viewer.Party, GatePair = gate.Code, ReceivedAt = now, ReceivedBy = viewer.Name };
        return db.CrossingsCommitInChunks
            ? await InChunksAsync(row, gate, body, format, LocalDate, now, ct)
            : await InOneTransactionAsync(row, gate, body, format, LocalDate, now, ct);
    }

    /// <summary>
    /// PostgreSQL: the whole batch in one transaction, nobody waiting on it (readers see the rows at commit, other writers
    /// touch other rows); the audit chain's head is locked only by the final save, just before the commit.
    /// </summary>
    private async Task<Outcome> InOneTransactionAsync(CrossingBatch row, GatePair gate, Stream body, Format format, Func<DateTimeOffset, DateOnly> localDate,
        DateTimeOffset now, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Pass pass;
        if (db.CrossingsHaveDirectPath)
        {
            // Fast path: straight into the table. Should an id already be there (lines sent again without their batch key),
            // the engine refuses the whole copy; the batch is then read again from a spool of what arrived, skipping stored ids.
            var spoolPath = Path.Combine(Path.GetTempPath(), $"borderlink-batch-{row.Id}.spool");
            await using var spool = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            var tee = new TeeStream(body, spool);
            await transaction.CreateSavepointAsync("direct", ct);
            try
            {
                pass = await PassAsync(tee, format, direct: true, gate.Code, localDate, now, row.Id, [], ct);
            }
            catch (DbException e) when (db.IsUniqueViolation(e))
            {
                await tee.DrainAsync(ct);
                await transaction.RollbackToSavepointAsync("direct", ct);
                spool.Position = 0;
                pass = await PassAsync(spool, format, direct: false, gate.Code, localDate, now, row.Id, [], ct);
            }
        }
        else
        {
            pass = await PassAsync(body, format, direct: false, gate.Code, localDate, now, row.Id, [], ct);
        }
        if (pass.Errors.Count > 0)
        {
            // Nothing of a refused batch stays: the transaction is rolled back when it is disposed.
            return new Outcome.Refused(pass.Errors, pass.Lines);
        }
        var stored = watch.Elapsed;
        db.CrossingBatches.Add(row);
        await CompleteAsync(row, gate, pass, ct);
        await transaction.CommitAsync(ct);
        Log(row, gate, stored, watch.Elapsed);
        return new Outcome.Done(new Result(row.Id, row.Lines, row.Applied, row.AlreadyPresent, Replayed: false));
    }

    /// <summary>One chunked batch at a time on the embedded engine, so that two batches never count the same day apart.</summary>
    private static readonly SemaphoreSlim OneChunkedBatch = new(1, 1);

    /// <summary>
    /// SQLite: the batch is recorded as receiving, its rows are committed in chunks that queue at the write gate like any
    /// user's save (see <see cref="Data.SqliteCrossingWriter"/>), and one short final transaction makes them visible with
    /// their counts. A refused, failed or abandoned batch is taken back; one left by a stopped node is removed at start.
    /// </summary>
    private async Task<Outcome> InChunksAsync(CrossingBatch row, GatePair gate, Stream body, Format format, Func<DateTimeOffset, DateOnly> localDate,
        DateTimeOffset now, CancellationToken ct)
    {
        await OneChunkedBatch.WaitAsync(ct);
        try
        {
            if (await db.CrossingBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == row.Id, ct) is { } earlier)
            {
                if (!earlier.Receiving)
                    return new Outcome.Done(new Result(earlier.Id, earlier.Lines, earlier.Applied, earlier.AlreadyPresent, Replayed: true));
                // Left receiving by an attempt whose clean-up failed too: its rows go, and this attempt starts afresh.
                await db.RemoveCrossingBatchAsync(row.Id, row.Party, null);
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            row.Receiving = true;
            db.CrossingBatches.Add(row);
            await db.SaveChangesAsync(ct);
            var written = new HashSet<Guid>();
            try
            {
                var pass = await PassAsync(body, format, direct: false, gate.Code, localDate, now, row.Id, written, ct);
                if (pass.Errors.Count > 0)
                {
                    await db.RemoveCrossingBatchAsync(row.Id, row.Party, written);
                    return new Outcome.Refused(pass.Errors, pass.Lines);
                }
                var stored = watch.Elapsed;
                using (await db.EnterWriteGateAsync(ct))
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    // Visible from here on, inside this transaction, for the day counts; to everyone at its commit.
                    row.Receiving = false;
                    await db.SaveChangesAsync(ct);
                    await CompleteAsync(row, gate, pass, ct);
                    await transaction.CommitAsync(ct);
                }
                Log(row, gate, stored, watch.Elapsed);
                return new Outcome.Done(new Result(row.Id, row.Lines, row.Applied, row.AlreadyPresent, Replayed: false));
            }
            catch
            {
                // Cut off, cancelled or failed before the batch was complete: nothing of it stays (nor is it replayed).
                await db.RemoveCrossingBatchAsync(row.Id, row.Party, written);
                throw;
            }
        }
        finally
        {
            OneChunkedBatch.Release();
        }
    }

    /// <summary>The batch's figures, its days' counts and its audit line, in one save inside the open transaction.</summary>
    private async Task CompleteAsync(CrossingBatch row, GatePair gate, Pass pass, CancellationToken ct)
    {
        (row.Lines, row.Applied, row.AlreadyPresent) = (pass.Lines, pass.Applied, pass.Lines - pass.Applied);
        await summaries.PrepareAsync(row.Party, gate, pass.Days, ct);
        db.Audit(AuditActions.Create, AuditOutcomes.Ok, detail: AuditDetail.BatchReceived(gate.Code, pass.Lines, pass.Applied),
            recordType: "crossing-batch", recordId: row.Id);
        await db.SaveChangesAsync(ct);
    }

    private void Log(CrossingBatch row, GatePair gate, TimeSpan stored, TimeSpan total)
    {
        metrics.Imported("crossings", row.Applied, total);
        logger.LogInformation("Crossings batch {Batch} for {Gate}: {Lines} lines, {Applied} new; read and stored {Stored:F1} s, counted and committed {Total:F1} s",
            row.Id, gate.Code, row.Lines, row.Applied, stored.TotalSeconds, (total - stored).TotalSeconds);
    }

    private sealed record Pass(int Lines, int Applied, List<LineError> Errors, HashSet<DateOnly> Days);

    /// <summary>One reading of the batch: every line checked, the good ones written while the batch is still whole.</summary>
    /// <remarks><paramref name="seen"/> collects the ids read, the ones written among them (for taking a chunked batch back).</remarks>
    private async Task<Pass> PassAsync(Stream source, Format format, bool direct, string gate, Func<DateTimeOffset, DateOnly> localDate, DateTimeOffset now, Guid batch,
        HashSet<Guid> seen, CancellationToken ct)
    {
        var party = db.Viewer.Party!;
        var errors = new List<LineError>();
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
    public static Guid BatchIdOf(string party, Guid key) => NameBasedId.Of("crossing-batch", party, key);

    private async Task<Outcome> RefuseAsync(string code, AuditDetail detail, CancellationToken ct)
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
