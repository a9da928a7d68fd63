using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Data;

/// <summary>What a node does to its database before serving: migrate (when configured), reference data, demo data.</summary>
public sealed class DatabaseStartup(BorderlinkDb db, ReferenceSeeder reference, DemoSeeder demo, Sharing.Exchange.NodeKeys nodeKeys,
    Sharing.Exchange.InboxGroupCommit inbox, IOptions<KeyRingOptions> keyRing, IOptions<DatabaseOptions> database, IOptions<DemoOptions> demoOptions, ILogger<DatabaseStartup> logger)
{
    /// <summary>
    /// A crossing batch still receiving when the node stopped (it writes in chunks on the embedded engine) is taken back
    /// whole: nobody ever saw its rows, and the gate system sends it again with the same key.
    /// </summary>
    private async Task RemoveInterruptedCrossingBatchesAsync(CancellationToken ct)
    {
        var interrupted = await db.CrossingBatches.IgnoreQueryFilters().Where(b => b.Receiving).ToListAsync(ct);
        if (interrupted.Count == 0) return;
        using (db.EnterSystemScope(Features.Audit.AuditDetail.SystemInterruptedBatches()))
        {
            foreach (var batch in interrupted)
            {
                var rows = await db.Crossings.IgnoreQueryFilters().Where(c => c.BatchId == batch.Id).ExecuteDeleteAsync(ct);
                db.CrossingBatches.Remove(batch);
                db.Audit(Features.Audit.AuditActions.Delete, Features.Audit.AuditOutcomes.Ok, recordType: "crossing-batch", recordId: batch.Id,
                    detail: Features.Audit.AuditDetail.BatchInterrupted(batch.GatePair, rows));
                logger.LogWarning("Crossings batch {Batch} for {Gate} was interrupted while receiving: its {Rows} rows were removed; the sender can send it again",
                    batch.Id, batch.GatePair, rows);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task RunAsync(bool forceMigrate = false, CancellationToken ct = default)
    {
        // Pending migrations are read from the history table alone; Migrate itself also compares the whole model with the
        // snapshot (about 0.4 s of every start), which MigrationTests does once per build instead.
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Any();
        if (pending && (forceMigrate || database.Value.MigrateOnStart))
        {
            await db.Database.MigrateAsync(ct);
        }
        else if (pending)
        {
            throw new InvalidOperationException("The database needs migrations: run `Borderlink migrate` or set Database__MigrateOnStart=true.");
        }

        await reference.SeedAsync(ct);
        await RemoveInterruptedCrossingBatchesAsync(ct);
        // Partners' records of types an earlier release did not know, kept since, are applied now that they are known.
        if (await inbox.ApplyKeptAsync(db, ct) is > 0 and var kept)
        {
            logger.LogInformation("Applied {Messages} kept inbox messages of record types this release knows", kept);
        }
        // The node's identity exists from the first start: its signing key is made now if there is none.
        await nodeKeys.CurrentAsync(ct);

        var isPostgres = database.Value.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        if (isPostgres && string.IsNullOrWhiteSpace(keyRing.Value.CertificatePath))
        {
            logger.LogWarning("The data-protection key ring is stored in the database in clear: whoever reads the database can read this node's private keys. " +
                "Set DataProtection__CertificatePath (and DataProtection__CertificatePassword) to encrypt it.");
        }
        var demoWanted = demoOptions.Value.Enabled ?? !isPostgres;
        if (isPostgres && demoOptions.Value.Enabled != true && await db.Users.AnyAsync(u => u.Email != null && u.Email.EndsWith(DemoSeeder.EmailDomain), ct))
        {
            // Demo users share one published password: a production database must not keep them by accident.
            throw new Web.StartupRefusedException("this PostgreSQL database holds the demo users (one published password for all). " +
                "Remove them, or set Demo__Enabled=true if this node is a demonstration.");
        }
        if (!demoWanted)
        {
            if (isPostgres && demoOptions.Value.Enabled is null)
            {
                logger.LogInformation("Demo data is not seeded on PostgreSQL unless Demo__Enabled=true");
            }
            return;
        }
        var logins = await demo.SeedAsync(ct);
        if (logins.Count > 0)
        {
            // Printed on purpose: the demo is meant to be tried at once.
            Console.WriteLine($"Demo logins (password: {demoOptions.Value.Password}):");
            foreach (var group in logins.Chunk(6))
            {
                Console.WriteLine("  " + string.Join("  ", group));
            }
        }
    }
}
