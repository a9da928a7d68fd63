using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Borderlink.Features.Screening;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Screening;

/// <summary>
/// A gate system's large batch goes unnoticed by the people working on the same node (issue 20): their writes succeed
/// while it arrives, nobody sees a row of it before it is whole, and a batch cut off half-way leaves nothing and can be
/// sent again. A batch is held half-way by the test's own request body, so "during" is certain, not a race.
/// </summary>
public sealed class BatchWhileWorkingTests : OwnAppTest
{
    private const string Gate = "HUUNGHI-YOUYIGUAN";

    /// <summary>Three chunks of the embedded engine's writer, and then some: rows committed before the pause.</summary>
    private const int BeforePause = 3 * 5_000 + 1_200;
    private const int AfterPause = 2_000;

    private static string Line(Guid id) =>
        $"{{\"id\":\"{id}\",\"occurredAt\":\"2026-11-20T09:15:00+07:00\",\"kind\":\"Vehicle\",\"direction\":\"Entry\",\"vehiclePlate\":\"12C-{id.GetHashCode() & 0xFFFF:D5}\",\"disinfected\":true}}";

    private async Task<HttpClient> GateSystemAsync()
    {
        var client = await GateSystem.ConnectAsync(App, Gate);
        client.Timeout = TimeSpan.FromMinutes(3);
        return client;
    }

    /// <summary>An NDJSON body that sends its first lines, then waits for <see cref="Resume"/> (or is abandoned there).</summary>
    private sealed class HeldBatch(IReadOnlyList<Guid> ids, int pauseAfter) : HttpContent
    {
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Paused => _paused.Task;
        public void Resume() => _resume.TrySetResult();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, default);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken ct)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (i == pauseAfter)
                {
                    await stream.FlushAsync(ct);
                    _paused.TrySetResult();
                    await _resume.Task.WaitAsync(ct);
                }
                await stream.WriteAsync(Encoding.UTF8.GetBytes(Line(ids[i]) + "\n"), ct);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static HttpRequestMessage Request(HttpContent content, Guid key)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/gates/{Gate}/crossings") { Content = content };
        request.Headers.Add("Idempotency-Key", key.ToString());
        return request;
    }

    /// <summary>Rows of the batch stored so far, seen or not (the system's view).</summary>
    private Task<int> StoredAsync(Guid batch) => App.WithSystemDbAsync(db => db.Crossings.IgnoreQueryFilters().CountAsync(c => c.BatchId == batch));

    private static async Task<HashSet<Guid>> ListedAsync(HttpClient officer) =>
        (await (await officer.GetAsync($"/api/v1/crossings?gate={Gate}&date=2026-11-20")).ReadAsync<List<CrossingDto>>()).Select(c => c.Id).ToHashSet();

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "never: " + what);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task People_write_while_a_large_batch_arrives_and_see_it_only_once_it_is_whole()
    {
        var gateSystem = await GateSystemAsync();
        var liaison = await App.SignInAsync("langson.liaison");
        var officer = await App.SignInAsync("langson.officer");
        var ids = Enumerable.Range(0, BeforePause + AfterPause).Select(_ => Guid.CreateVersion7()).ToList();
        var key = Guid.NewGuid();
        var batch = IngestCrossings.BatchIdOf("VN-09", key);
        var body = new HeldBatch(ids, BeforePause);
        var sending = gateSystem.SendAsync(Request(body, key), TestContext.Current.CancellationToken);
        await body.Paused;
        if (!TestDatabase.IsPostgres)
        {
            // The embedded engine commits the batch in chunks: its first rows are stored (and would hold the one writer's
            // lock for the whole batch were it one transaction)… (PostgreSQL keeps the batch in its own open transaction.)
            await UntilAsync(async () => await StoredAsync(batch) >= 3 * 5_000, "three chunks stored");
        }

        // …and meanwhile a liaison officer writes a note and an officer records a crossing at another gate: both saved.
        var note = await liaison.CreateAsync(new { title = "Ghi chú trong lúc nhận lô", body = "Xe chở thanh long đã qua", language = "vi", visibility = "Internal" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var single = await officer.PostAsJsonAsync("/api/v1/gates/CHIMA-AIDIAN/crossing",
            new { occurredAt = "2026-11-20T10:00:00+07:00", kind = "Vehicle", direction = "Exit", vehiclePlate = "12C-00001", disinfected = true }, Json.Options);
        Assert.True(single.StatusCode == HttpStatusCode.Created, await single.Content.ReadAsStringAsync());
        // Nobody sees a row of the batch before it is whole, nor its day's counts.
        Assert.Empty((await ListedAsync(officer)).Intersect(ids));
        Assert.False(sending.IsCompleted);

        body.Resume();
        var response = await sending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<IngestCrossings.Result>();
        Assert.Equal((batch, ids.Count, ids.Count, 0, false), (result.BatchId, result.Lines, result.Applied, result.AlreadyPresent, result.Replayed));
        // Once whole: the latest 500 rows of that gate and day are all the batch's, and the day's count holds every vehicle.
        var listed = await ListedAsync(officer);
        Assert.Equal(500, listed.Count);
        Assert.Subset(ids.ToHashSet(), listed);
        var counts = await (await officer.GetAsync($"/api/v1/gates/{Gate}/screening?from=2026-11-20&to=2026-11-20")).ReadJsonAsync();
        var own = counts.EnumerateArray().Single(s => s.GetProperty("ownerParty").GetString() == "VN-09");
        Assert.Equal(ids.Count, own.GetProperty("counts").EnumerateArray()
            .Where(c => c.GetProperty("dimension").GetString() == "vehicles" && c.GetProperty("key").GetString() == "disinfected").Sum(c => c.GetProperty("value").GetInt32()));
    }

    [Fact]
    public async Task A_batch_cut_off_half_way_leaves_nothing_and_is_applied_whole_when_sent_again()
    {
        var gateSystem = await GateSystemAsync();
        var officer = await App.SignInAsync("langson.officer");
        var ids = Enumerable.Range(0, BeforePause + AfterPause).Select(_ => Guid.CreateVersion7()).ToList();
        var key = Guid.NewGuid();
        var batch = IngestCrossings.BatchIdOf("VN-09", key);

        // The gate system's link drops half-way through the upload.
        var body = new HeldBatch(ids, BeforePause);
        using var cut = new CancellationTokenSource();
        var sending = gateSystem.SendAsync(Request(body, key), cut.Token);
        await body.Paused;
        if (!TestDatabase.IsPostgres) await UntilAsync(async () => await StoredAsync(batch) >= 3 * 5_000, "three chunks stored");
        await cut.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        // What had arrived is taken back: no row, no batch, nothing listed.
        await UntilAsync(async () => await StoredAsync(batch) == 0
            && await App.WithSystemDbAsync(db => db.CrossingBatches.IgnoreQueryFilters().CountAsync(b => b.Id == batch)) == 0, "the cut batch removed");
        Assert.Empty((await ListedAsync(officer)).Intersect(ids));

        // Sent again with the same key, it is applied whole, as a first time (positive control of the listing too).
        var again = new HeldBatch(ids, ids.Count);
        var response = await gateSystem.SendAsync(Request(again, key), TestContext.Current.CancellationToken);
        var result = await response.ReadAsync<IngestCrossings.Result>();
        Assert.Equal((ids.Count, ids.Count, false), (result.Lines, result.Applied, result.Replayed));
        Assert.Equal(ids.Count, await StoredAsync(batch));
        Assert.Equal(500, (await ListedAsync(officer)).Intersect(ids).Count());
    }

    [Fact]
    public async Task A_batch_left_receiving_by_a_stopped_node_is_removed_at_the_next_start_and_a_complete_one_stays()
    {
        Guid Add(BorderlinkDb db, bool receiving)
        {
            var id = Guid.CreateVersion7();
            db.CrossingBatches.Add(new CrossingBatch { Id = id, Party = "VN-09", GatePair = Gate, ReceivedAt = BorderlinkApp.Start, Lines = 2, Applied = 2, Receiving = receiving });
            for (var i = 0; i < 2; i++)
            {
                db.Crossings.Add(new CrossingRecord
                {
                    Id = Guid.CreateVersion7(), Party = "VN-09", GatePair = Gate, OccurredAt = BorderlinkApp.Start, LocalDate = new DateOnly(2026, 11, 22),
                    Kind = CrossingKind.Vehicle, Direction = CrossingDirection.Entry, VehiclePlate = "12C-55555", BatchId = id, RecordedAt = BorderlinkApp.Start,
                });
            }
            return id;
        }
        var (interrupted, complete) = await App.WithSystemDbAsync(async db =>
        {
            var ids = (Add(db, receiving: true), Add(db, receiving: false));
            await db.SaveChangesAsync();
            return ids;
        });

        await App.WithServiceAsync<DatabaseStartup, bool>(async startup =>
        {
            await startup.RunAsync();
            return true;
        });

        Assert.Equal(0, await StoredAsync(interrupted));
        Assert.Equal(0, await App.WithSystemDbAsync(db => db.CrossingBatches.IgnoreQueryFilters().CountAsync(b => b.Id == interrupted)));
        Assert.Equal(2, await StoredAsync(complete));
        Assert.Equal(1, await App.WithSystemDbAsync(db => db.CrossingBatches.CountAsync(b => b.Id == complete)));
        Assert.True(await App.WithSystemDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Delete && a.RecordId == interrupted)));
    }
}
