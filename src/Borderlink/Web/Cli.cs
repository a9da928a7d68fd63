using Borderlink.Data;
using Borderlink.Features.Audit;

namespace Borderlink.Web;

/// <summary>
/// Verbs of the same program, for operators: <c>migrate</c> applies migrations (production does not migrate on start),
/// <c>audit verify</c> recomputes the audit chain and names the first broken entry.
/// </summary>
public static class Cli
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "audit";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        switch (args)
        {
            case ["migrate", ..]:
                await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync(forceMigrate: true);
                Console.WriteLine("Database migrated and reference data loaded.");
                return 0;
            case ["audit", "verify", ..]:
                var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
                if (result.Intact)
                {
                    Console.WriteLine($"Audit chain intact: {result.Checked} entries verified.");
                    return 0;
                }
                Console.WriteLine($"Audit chain BROKEN at entry {result.FirstBrokenSeq}: {result.Reason} ({result.Checked} entries verified before it).");
                return 2;
            default:
                Console.Error.WriteLine("Usage: Borderlink [migrate | audit verify]");
                return 64;
        }
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync();
    }
}
