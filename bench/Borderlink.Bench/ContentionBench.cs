using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Borderlink.Tests.Sharing;

namespace Borderlink.Bench;

/// <summary>
/// Issue 20 (b): people writing while a gate system's large batch arrives on the same node. Ten liaison officers create
/// notes one after another (each waits for its answer) for 10 s with nothing else running (the quiet baseline), then
/// for as long as a batch of crossings takes to be ingested. Prints p50/p99/max of their writes, how many failed (any
/// answer but 201, or no answer) and how long the batch took.
/// </summary>
public static class ContentionBench
{
    public static async Task DuringBatchAsync(int rows, int writers = 10)
    {
        await using var node = await ProcessNode.CreateAsync("bench-contention", []);
        await node.StartAsync(deliveryEnabled: false);
        var gate = await node.SignInAsync("langson.officer", TimeSpan.FromMinutes(30));
        var people = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => node.SignInAsync("langson.liaison", TimeSpan.FromMinutes(5))));
        var file = await CrossingBench.BodyFileAsync(rows, new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-31), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(7)));

        var quiet = await WriteWhileAsync(people, "quiet", Task.Delay(TimeSpan.FromSeconds(10)));
        var watch = Stopwatch.StartNew();
        var ingest = CrossingBench.SendFileAsync(gate, file);
        var during = await WriteWhileAsync(people, "batch", ingest);
        var response = await ingest;
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{node.Output()}");
        var engine = node.Database.Provider.ToLowerInvariant();
        var target = engine == "postgres" ? 500 : 2_000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"contention.during-batch.{engine} rows={rows} ingest-s={watch.Elapsed.TotalSeconds:F1} writers={writers} " +
            $"quiet: {quiet} | during the batch: {during} (targets: failed=0, p99 < {target} ms)"));
    }

    private static Task<WritersBench.Stats> WriteWhileAsync(HttpClient[] people, string label, Task until) =>
        WritersBench.WriteWhileAsync(people, label, () => !until.IsCompleted);
}
