using System.Net;
using System.Text;
using Borderlink.Tests.Infrastructure;
using Borderlink.Tests.Sharing;

namespace Borderlink.Tests.Features.Situation;

/// <summary>
/// A file of bad rows as large as an upload may be costs the server a bounded amount of memory and a bounded answer:
/// the first 100 problems with their rows, and how many there were. Measured on the real program (its peak resident
/// memory from /proc), because the in-process test host shares its memory with the tests.
/// </summary>
/// <remarks>About 15 s: it uploads 60 MB on purpose.</remarks>
public sealed class SituationImportMemoryTests
{
    /// <summary>
    /// The most the program may hold at its peak while refusing the file. Before the rows were read one at a time and
    /// problems capped, the same file took it from about 520 MB to 1.25 GB; the file's own bytes (60 MB, held once
    /// while read) and an idle node's memory fit well inside this.
    /// </summary>
    private const long PeakBytes = 700L * 1024 * 1024;

    [Fact]
    public async Task Sixty_megabytes_of_bad_rows_are_refused_with_the_first_hundred_problems_in_bounded_memory()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "peak memory is read from /proc");
        await using var node = await ProcessNode.AsReadmeRunsAsync(database: await new BorderlinkApp().SeededDatabaseAsync());
        await node.StartAsync();
        var officer = await node.SignInAsync("langson.officer", TimeSpan.FromMinutes(3));

        const string bad = "2026-W45,Atlantis,no such disease,many,0\n";
        var rows = (int)((60L * 1024 * 1024) / bad.Length);
        var csv = new StringBuilder("period,place,disease,new_cases,deaths\n", 61 * 1024 * 1024);
        for (var i = 0; i < rows; i++) csv.Append(bad);
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        body.Headers.ContentType = new("text/csv");
        csv.Clear();

        var response = await officer.PostAsync("/api/v1/situation-reports/imports?name=bad.csv", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var peak = PeakResidentBytes(node.ProcessId!.Value);
        Assert.True(peak < PeakBytes, $"peak resident memory {peak / (1024 * 1024)} MB, allowed {PeakBytes / (1024 * 1024)} MB");
        var problem = await response.ReadJsonAsync();
        Assert.Equal(3L * rows, problem.GetProperty("total").GetInt64()); // place, disease and count on every row
        var shown = problem.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(100, shown.Count);
        Assert.Equal(2, shown[0].GetProperty("row").GetInt32());


        // Positive control: the node is well and a good file is still imported.
        var good = new ByteArrayContent(Encoding.UTF8.GetBytes("period,place,disease,new_cases,deaths\n2026-W45,Lạng Sơn,dengue,3,0\n"));
        good.Headers.ContentType = new("text/csv");
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync("/api/v1/situation-reports/imports?name=good.csv", good)).StatusCode);
    }

    private static long PeakResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
