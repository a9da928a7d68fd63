using System.Diagnostics;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Borderlink.Tests.Sharing;
using Npgsql;

namespace Borderlink.Tests.Web;

/// <summary>
/// README's "Backup and restore" as an operator follows it, on a node that keeps writing: the embedded node with the
/// program's <c>backup</c> and <c>restore</c> verbs, a PostgreSQL node with pg_dump and pg_restore. The copy is restored
/// into a fresh node, whose audit chain verifies and which holds every note committed before the backup began.
/// </summary>
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_people_write_restores_into_a_fresh_node_whole_and_with_its_audit_chain_intact()
    {
        await using var node = await ProcessNode.AsReadmeRunsAsync(database: await new BorderlinkApp().SeededDatabaseAsync());
        await node.StartAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var written = new List<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var client = await node.SignInAsync("langson.liaison");
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var title = $"backup-{run}-{w}-{i}";
                await client.CreateNoteAsync(title);
                lock (written) written.Add(title);
            }
        })).ToList();
        while (Count(written) < 40) await Task.Delay(50);

        // Everything committed before the backup starts must be in it; writers go on meanwhile.
        List<string> before;
        lock (written) before = [.. written];
        var backupFile = Path.Combine(Path.GetTempPath(), $"borderlink-backup-{run}.bak");
        try
        {
            var (exitCode, output) = TestDatabase.IsPostgres ? await PgDumpAsync(node.Database, backupFile) : await node.RunVerbAsync("backup", backupFile);
            Assert.True(exitCode == 0, output);
            var duringBackup = Count(written) - before.Count;
            stop.Cancel();
            await Task.WhenAll(writers);

            await using var fresh = await ProcessNode.AsReadmeRunsAsync();
            if (TestDatabase.IsPostgres)
            {
                (exitCode, output) = await PgRestoreAsync(backupFile, fresh.Database);
                Assert.True(exitCode == 0, output);
            }
            else
            {
                // Not over the running node's database: it is refused, and the node is left as it was.
                (exitCode, output) = await node.RunVerbAsync("restore", backupFile);
                Assert.Equal(2, exitCode);
                Assert.Contains("a running node serves", output, StringComparison.Ordinal);
                Assert.Equal(written.Count, await node.ScalarAsync($"SELECT COUNT(*) FROM \"LiaisonNotes\" WHERE \"Title\" LIKE 'backup-{run}-%'"));

                (exitCode, output) = await fresh.RunVerbAsync("restore", backupFile);
                Assert.True(exitCode == 0, output);
                Assert.Contains("Restored", output, StringComparison.Ordinal);
            }

            (exitCode, output) = await fresh.RunVerbAsync("audit", "verify");
            Assert.True(exitCode == 0, output);
            Assert.Contains("Audit chain intact", output, StringComparison.Ordinal);
            var inList = string.Join(", ", before.Select(t => $"'{t}'"));
            Assert.Equal(before.Count, await fresh.ScalarAsync($"SELECT COUNT(*) FROM \"LiaisonNotes\" WHERE \"Title\" IN ({inList})"));

            // The restored node serves: its users sign in (their keys came with it) and read the notes.
            await fresh.StartAsync();
            var reader = await fresh.SignInAsync("langson.liaison");
            Assert.Contains(before[0], await reader.GetStringAsync("/notes?q=" + before[0]), StringComparison.Ordinal);
            TestContext.Current.TestOutputHelper?.WriteLine($"{before.Count} notes before the backup, {duringBackup} written while it ran");
        }
        finally
        {
            stop.Cancel();
            File.Delete(backupFile);
        }
    }

    private static int Count(List<string> written)
    {
        lock (written) return written.Count;
    }

    /// <summary>README's <c>pg_dump --format=custom</c>, with the node's connection settings.</summary>
    private static Task<(int, string)> PgDumpAsync(TestDatabase database, string file)
    {
        var c = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return PgToolAsync("pg_dump", c, ["--format=custom", "--file", file, "--dbname", c.Database!]);
    }

    /// <summary>README's <c>pg_restore --no-owner</c> into an empty database.</summary>
    private static Task<(int, string)> PgRestoreAsync(string file, TestDatabase database)
    {
        var c = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return PgToolAsync("pg_restore", c, ["--no-owner", "--exit-on-error", "--dbname", c.Database!, file]);
    }

    private static async Task<(int, string)> PgToolAsync(string tool, NpgsqlConnectionStringBuilder c, string[] args)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => Version.Parse(Path.GetFileName(d) + ".0")).Last();
        var start = new ProcessStartInfo(Path.Combine(bin, "bin", tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--host", c.Host!, "--port", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", c.Username! }.Concat(args))
            start.ArgumentList.Add(arg);
        start.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
