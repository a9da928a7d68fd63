using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Data;

/// <summary>
/// The engine's migrations describe today's model: a change to an entity without its migration fails here, on each
/// engine the suite runs on (the check <c>dotnet ef migrations has-pending-model-changes</c> makes, without a tool run).
/// </summary>
public sealed class MigrationTests(SharedApp app)
{
    [Fact]
    public async Task The_migrations_of_this_engine_match_the_model_and_are_the_ones_applied()
    {
        var (pending, applied, known) = await app.WithSystemDbAsync(async db =>
            (db.Database.HasPendingModelChanges(), (await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));

        // Positive control: the check looks at this engine's real migrations, all of which the database has applied.
        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        Assert.Contains(known, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.False(pending, $"The {app.Database.Provider} model has changes no migration holds: add one with dotnet ef migrations add (README).");
    }
}
