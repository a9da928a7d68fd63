using System.Diagnostics;
using System.Globalization;
using System.Net;
using Borderlink.Tests.Sharing;

namespace Borderlink.Bench;

/// <summary>
/// The border map page (issue 21 target: under 150 KB, p95 under 100 ms): a real node process, an officer's session,
/// the whole border and a province zoom in each of the four languages. The first request of each view is reported
/// apart (it reads the geometry and cuts the view's shapes, once per process).
/// </summary>
public static class MapBench
{
    public static async Task RunAsync(int requests)
    {
        await using var node = await ProcessNode.CreateAsync("bench-map", []);
        await node.StartAsync(deliveryEnabled: false);
        foreach (var path in new[] { "/gates/map", "/gates/map?view=VN-09" })
        {
            var first = 0.0;
            var times = new List<double>();
            var bytes = new Dictionary<string, int>();
            foreach (var language in new[] { "vi", "zh-Hans", "en", "fr" })
            {
                var client = await node.SignInAsync("langson.officer", TimeSpan.FromMinutes(10));
                client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
                for (var i = 0; i < requests / 4 + 5; i++)
                {
                    var watch = Stopwatch.StartNew();
                    var page = await client.GetAsync(path);
                    var body = await page.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {(int)page.StatusCode}");
                    if (first == 0) first = watch.Elapsed.TotalMilliseconds;
                    bytes[language] = body.Length;
                    if (i >= 5) times.Add(watch.Elapsed.TotalMilliseconds); // the first five of each language warm the JIT and caches
                }
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gates.map {path} first-ms={first:F0} requests={times.Count} p50-ms={times[times.Count / 2]:F1} " +
                $"p95-ms={times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F1} max-ms={times[^1]:F1} " +
                $"page-kb={string.Join('/', bytes.Select(b => $"{b.Key}:{b.Value / 1024.0:F0}"))} (targets: p95 < 100 ms, < 150 KB)"));
        }
    }
}
