using System.Diagnostics;
using Borderlink.Features.Audit;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Features.Audit;

/// <summary>The audit log is a hash chain; changing any stored line is detected by the `audit verify` verb.</summary>
public sealed class AuditChainTests : OwnAppTest
{

    [Fact]
    public async Task Verify_accepts_an_untouched_chain_and_names_the_first_changed_entry()
    {
        var officer = await App.SignInAsync("langson.officer");
        for (var i = 0; i < 3; i++) await officer.CreateNoteAsync($"audited {i}");

        var (exitCode, output) = await RunVerbAsync("audit", "verify");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Audit chain intact", output, StringComparison.Ordinal);

        var victim = await App.WithSystemDbAsync(db => db.AuditEntries.Where(e => e.Action == "create").OrderBy(e => e.Seq).Skip(1).Select(e => e.Seq).FirstAsync());
        var entries = await App.WithSystemDbAsync(db => db.AuditEntries.CountAsync());
        var update = $"UPDATE \"AuditEntries\" SET \"Actor\" = 'someone-else' WHERE \"Seq\" = {victim}";
        // Someone with SQL access to the database cannot change or remove a line: the table refuses.
        foreach (var sql in new[] { update, $"DELETE FROM \"AuditEntries\" WHERE \"Seq\" = {victim}" })
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => App.WithSystemDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(entries, await App.WithSystemDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal("langson.officer", await App.WithSystemDbAsync(db => db.AuditEntries.Where(e => e.Seq == victim).Select(e => e.Actor).SingleAsync()));

        // An insider who may change the schema removes that guard first and edits the line, bypassing the application.
        var unguard = App.Database.Provider == "Postgres"
            ? "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER \"AuditEntries_append_only\""
            : "DROP TRIGGER \"AuditEntries_no_update\"";
        await App.WithSystemDbAsync(db => db.Database.ExecuteSqlRawAsync(unguard));
        Assert.Equal(1, await App.WithSystemDbAsync(db => db.Database.ExecuteSqlRawAsync(update)));

        (exitCode, output) = await RunVerbAsync("audit", "verify");
        Assert.Equal(2, exitCode);
        Assert.Contains($"BROKEN at entry {victim}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        var clients = await Task.WhenAll(new[] { "langson.officer", "guangxi.officer", "caobang.officer", "laocai.officer" }.Select(u => App.SignInAsync(u)));
        await Task.WhenAll(clients.SelectMany(c => Enumerable.Range(0, 5).Select(i => c.CreateNoteAsync($"parallel {i}"))));

        // Every line the writes committed is chained (the sequencer's next round, run now rather than waited for).
        await App.Service(sp => sp.GetRequiredService<AuditSequencer>()).ChainCommittedAsync();
        var result = await App.Service(sp => sp.CreateScope().ServiceProvider.GetRequiredService<AuditVerifier>()).VerifyAsync();
        Assert.True(result.Intact, result.Reason);
        Assert.True(result.Checked >= 24);
        Assert.Equal(0, result.Unchained);
    }

    /// <summary>Runs the real program's verb against this test's database, as an operator would.</summary>
    private async Task<(int ExitCode, string Output)> RunVerbAsync(params string[] verb)
    {
        var appDir = Repository.AppDirectory();
        var dll = Path.Combine(appDir, "Borderlink.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = appDir };
        start.ArgumentList.Add(dll);
        foreach (var part in verb) start.ArgumentList.Add(part);
        start.Environment["Database__Provider"] = App.Database.Provider;
        start.Environment["ConnectionStrings__Borderlink"] = App.Database.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
