using Borderlink.Data;
using Borderlink.Features;
using Borderlink.Sharing.Exchange;
using Borderlink.Features.Audit;
using Borderlink.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Features.Audit;

/// <summary>
/// A database whose audit lines were chained as they were written (before AuditChainedAfterCommit) keeps its chain
/// through the migration, and the table still refuses every change but the one that chains a line.
/// </summary>
public sealed class AuditChainMigrationTests
{
    private const string Before = "SharedRulesCorrectionsAndPartyCrossingKeys";

    [Fact]
    public async Task Lines_chained_before_the_migration_verify_after_it_and_the_next_line_continues_the_chain()
    {
        await using var database = await TestDatabase.CreateAsync();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Database:Provider"] = database.Provider;
        builder.Configuration["ConnectionStrings:Borderlink"] = database.ConnectionString;
        // The node's services as the program registers them (not started: nothing runs in the background here).
        builder.AddBorderlinkData();
        builder.AddBorderlinkExchange();
        builder.AddBorderlinkFeatures();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
        await db.GetService<IMigrator>().MigrateAsync(Before);

        // Three lines as the old code wrote them: keyed and chained by their position.
        var head = new AuditHead { Id = 1 };
        var old = Enumerable.Range(1, 3).Select(i => new AuditEntry
        {
            At = new DateTimeOffset(2026, 11, 20, 8, i, 0, TimeSpan.Zero), Actor = "langson.officer", Party = "VN-LS", Action = AuditActions.Create,
            Outcome = AuditOutcomes.Ok, RecordType = "liaison-note", RecordId = Guid.NewGuid(),
        }).ToList();
        AuditChain.Link(head, old);
        var at = db.Model.FindEntityType(typeof(AuditEntry))!.FindProperty(nameof(AuditEntry.At))!.GetTypeMapping().Converter;
        foreach (var line in old)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "AuditEntries" ("Seq", "At", "Actor", "Party", "Action", "Outcome", "RecordType", "RecordId", "PrevHash", "Hash")
                VALUES ({line.Seq}, {at?.ConvertToProvider(line.At) ?? line.At}, {line.Actor}, {line.Party}, {line.Action}, {line.Outcome}, {line.RecordType}, {line.RecordId}, {line.PrevHash}, {line.Hash})
                """);
        }
        await db.Database.ExecuteSqlAsync($"""UPDATE "AuditHeads" SET "LastSeq" = {head.LastSeq}, "LastHash" = {head.LastHash} WHERE "Id" = 1""");

        await db.Database.MigrateAsync();

        var verified = await new AuditVerifier(db).VerifyAsync();
        Assert.True(verified.Intact, verified.Reason);
        Assert.Equal(3, verified.Checked);
        Assert.Equal([1L, 2L, 3L], await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());

        // A line written now waits unchained, then continues the chain at 4.
        db.Audit(AuditActions.Login, AuditOutcomes.Ok);
        await db.SaveChangesAsync();
        var unchained = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Seq == null);
        Assert.Equal(1, (await new AuditVerifier(db).VerifyAsync()).Unchained);

        // The table lets a line be chained and nothing else: not its content while chaining, not a chained line at all.
        foreach (var sql in new[]
        {
            $"""UPDATE "AuditEntries" SET "Seq" = 4, "Hash" = 'x', "Actor" = 'someone-else' WHERE "Id" = {unchained.Id}""",
            $"""UPDATE "AuditEntries" SET "Hash" = 'x' WHERE "Seq" = 2""",
            $"""DELETE FROM "AuditEntries" WHERE "Id" = {unchained.Id}""",
        })
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, (await db.ChainAuditAsync(100, CancellationToken.None)).Lines);
        var chained = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == unchained.Id);
        Assert.Equal(4, chained.Seq);
        Assert.Equal(old[2].Hash, chained.PrevHash);
        Assert.Equal("langson.officer", await db.AuditEntries.Where(e => e.Seq == 1).Select(e => e.Actor).SingleAsync());
        verified = await new AuditVerifier(db).VerifyAsync();
        Assert.True(verified.Intact, verified.Reason);
        Assert.Equal((4, 0), (verified.Checked, verified.Unchained));
    }
}
