using System.Reflection.PortableExecutable;

namespace Borderlink.Tests.Infrastructure;

/// <summary>The libraries the build precompiles (src/Borderlink/Precompile.targets), and how to tell a precompiled file.</summary>
public static class Precompiled
{
    public static readonly string[] DataAccessLibraries =
    [
        "Microsoft.EntityFrameworkCore.dll", "Microsoft.EntityFrameworkCore.Abstractions.dll", "Microsoft.EntityFrameworkCore.Relational.dll",
        "Microsoft.EntityFrameworkCore.Sqlite.dll", "Microsoft.Data.Sqlite.dll", "SQLitePCLRaw.core.dll", "SQLitePCLRaw.provider.e_sqlite3.dll",
        "Npgsql.dll", "Npgsql.EntityFrameworkCore.PostgreSQL.dll", "Microsoft.AspNetCore.Identity.EntityFrameworkCore.dll",
    ];

    /// <summary>
    /// Whether the build this test runs against precompiled the program's own assembly too: Borderlink.csproj sets
    /// PrecompileProgram for Release builds.
    /// </summary>
    public static bool ProgramIsPrecompiled => Repository.Configuration() == "Release";

    /// <summary>Whether the assembly carries ReadyToRun native code beside its IL (the CLI header's managed native header).</summary>
    public static bool IsReadyToRun(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>The data-access libraries in <paramref name="directory"/> that are IL only (none, when the build did its part).</summary>
    public static List<string> NotPrecompiledIn(string directory) =>
        DataAccessLibraries.Where(file => !IsReadyToRun(Path.Combine(directory, file))).ToList();
}
