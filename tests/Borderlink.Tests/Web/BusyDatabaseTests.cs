using System.Net;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Borderlink.Tests.Web;

/// <summary>
/// A write the database cannot take in time — something outside this process holds the lock it needs — is answered
/// 503 with Retry-After and a problem in the caller's language, never a 500; the same request succeeds once the lock
/// is gone. The wait is the engine's own, as an operator sets it in the connection string (SQLite's Default Timeout,
/// PostgreSQL's lock_timeout): one second here.
/// </summary>
public sealed class BusyDatabaseTests() : OwnAppTest(new ShortLockWaitApp())
{
    private sealed class ShortLockWaitApp : BorderlinkApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Borderlink",
                Database.ConnectionString + (TestDatabase.IsPostgres ? ";Options=-c lock_timeout=1000" : ";Default Timeout=1"));
        }
    }

    /// <summary>
    /// Holds a lock every audited write needs until disposed: SQLite's one writer; on PostgreSQL the audit table, locked
    /// against writes as a maintenance statement would (a write no longer waits for any row another write holds).
    /// </summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        if (TestDatabase.IsPostgres)
        {
            var pg = new NpgsqlConnection(App.Database.ConnectionString);
            await pg.OpenAsync();
            var tx = await pg.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand("LOCK TABLE \"AuditEntries\" IN EXCLUSIVE MODE", pg, tx)) await command.ExecuteNonQueryAsync();
            return new Held(async () => { await tx.RollbackAsync(); await pg.DisposeAsync(); });
        }
        var sqlite = new SqliteConnection(App.Database.ConnectionString);
        await sqlite.OpenAsync();
        await using (var begin = sqlite.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        return new Held(async () =>
        {
            await using (var rollback = sqlite.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }
            await sqlite.DisposeAsync();
        });
    }

    private sealed class Held(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }

    [Fact]
    public async Task A_write_the_database_cannot_take_in_time_gets_503_with_the_time_to_wait_and_succeeds_after()
    {
        var liaison = await App.SignInAsync("langson.liaison", "fr");
        var note = new { title = "Note pendant un verrou", body = "Essai", language = "fr", visibility = "Internal" };
        await using (await HoldWriteLockAsync())
        {
            var refused = await liaison.CreateAsync(note);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            var problem = await refused.ReadJsonAsync();
            Assert.Equal("urn:borderlink:problem:busy", problem.GetProperty("type").GetString());
            Assert.StartsWith("La base de données est occupée", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
        // Positive control: the same request, the lock gone, is saved.
        Assert.Equal(HttpStatusCode.Created, (await liaison.CreateAsync(note)).StatusCode);
    }
}
