using Microsoft.EntityFrameworkCore;
using Borderlink.Data;
using Borderlink.Features.Audit;

namespace Borderlink.Web;

/// <summary>
/// Verbs of the same program, for operators: <c>migrate</c> applies migrations (production does not migrate on start),
/// <c>audit verify</c> recomputes the audit chain and names the first broken entry, <c>node card FILE</c> writes this
/// node's card, <c>node import FILE</c> imports a partner's, <c>backup FILE</c> copies a running embedded node's database,
/// <c>restore FILE</c> puts a backup in place of a stopped one's.
/// </summary>
public static class Cli
{
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "audit" or "node" or "backup" or "restore";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var exitCode = await RunVerbAsync(app, args);
        // The exit code is what a script trusts: what the verb wrote is on disk before the process says it is done
        // (on SQLite the log's syncs are grouped, Data/DurableCommits).
        await app.Services.GetRequiredService<DurableCommits>().WaitAsync();
        return exitCode;
    }

    private static async Task<int> RunVerbAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        switch (args)
        {
            case ["migrate", ..]:
                await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync(forceMigrate: true);
                Console.WriteLine("Database migrated and reference data loaded.");
                return 0;
            case ["audit", "verify", ..]:
                // What is committed is chained first, as the node itself would within a second.
                await app.Services.GetRequiredService<Features.Audit.AuditSequencer>().ChainCommittedAsync();
                var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
                if (result.Intact)
                {
                    Console.WriteLine($"Audit chain intact: {result.Checked} entries verified" +
                        (result.Unchained > 0 ? $"; {result.Unchained} written since are not chained yet." : "."));
                    return 0;
                }
                Console.WriteLine($"Audit chain BROKEN at entry {result.FirstBrokenSeq}: {result.Reason} ({result.Checked} entries verified before it).");
                return 2;
            case ["node", "card", var file, ..]:
            {
                var card = await scope.ServiceProvider.GetRequiredService<Sharing.Exchange.NodeCards>().ExportAsync();
                await File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(card, Indented));
                Console.WriteLine($"Node card of {card.NodeId} written to {file}.");
                return 0;
            }
            case ["node", "import", var file, ..]:
            {
                var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
                var card = System.Text.Json.JsonSerializer.Deserialize<Sharing.Exchange.NodeCard>(await File.ReadAllTextAsync(file));
                using var system = await db.EnterSystemScopeAsync(Features.Audit.AuditDetail.SystemPartnerCard(file));
                var outcome = await scope.ServiceProvider.GetRequiredService<Sharing.Exchange.NodeCards>().ImportAsync(card);
                if (outcome is Outcome<Sharing.Exchange.PartnerNode>.Done done)
                {
                    Console.WriteLine($"Partner {done.Value.NodeId} imported: parties {done.Value.Parties}.");
                    return 0;
                }
                Console.Error.WriteLine("The card was refused: " + string.Join("; ", ((Outcome<Sharing.Exchange.PartnerNode>.Invalid)outcome).Errors.Select(e => $"{e.Field} {e.MessageKey} {string.Join(",", e.Args)}")));
                return 2;
            }
            case [var verb and ("backup" or "restore"), var file, ..]:
            {
                var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
                if (!db.Database.IsSqlite())
                {
                    Console.Error.WriteLine($"{verb} is the embedded (SQLite) node's; a PostgreSQL node is backed up with pg_dump and restored with pg_restore (README, \"Backup and restore\").");
                    return 64;
                }
                var connection = db.Database.GetConnectionString()!;
                var (done, message) = verb == "backup"
                    ? await SqliteBackup.BackupAsync(connection, file)
                    : await SqliteBackup.RestoreAsync(connection, file, scope.ServiceProvider.GetRequiredService<TimeProvider>());
                if (done) Console.WriteLine(message);
                else Console.Error.WriteLine($"Borderlink cannot {verb}: {message}");
                return done ? 0 : 2;
            }
            default:
                Console.Error.WriteLine("Usage: Borderlink [migrate | audit verify | node card FILE | node import FILE | backup FILE | restore FILE]");
                return 64;
        }
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
        if (db.Database.IsSqlite()) app.Services.GetRequiredService<SqliteNodeLock>().Hold(db.Database.GetConnectionString()!);
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync();
    }
}
