using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Web;

/// <summary>
/// README "Start-up": the program README's commands run (its build output) holds the data-access libraries precompiled,
/// and a Release build the program's own assembly too, so a node start does not compile them again. The published
/// output is checked by the deploy test (browser suite).
/// </summary>
public sealed class PrecompiledLibrariesTests
{
    [Fact]
    public void The_build_output_holds_the_data_access_libraries_precompiled_and_the_program_too_when_built_for_release()
    {
        var app = Repository.AppDirectory();
        Assert.Empty(Precompiled.NotPrecompiledIn(app));
        Assert.Equal(Precompiled.ProgramIsPrecompiled, Precompiled.IsReadyToRun(Path.Combine(app, "Borderlink.dll")));
        // The check tells the two apart: a library NuGet ships as IL that the build leaves alone stays IL (CsvHelper).
        Assert.False(Precompiled.IsReadyToRun(Path.Combine(app, "CsvHelper.dll")));
    }

    [Fact]
    public void The_tests_host_the_program_on_the_same_precompiled_libraries()
    {
        // This process loaded EF Core from the tests' own folder, not the program's...
        var loaded = typeof(DbContext).Assembly.Location;
        Assert.NotEqual(Repository.AppDirectory(), Path.GetDirectoryName(loaded));
        // ...and that copy is the program's precompiled image, as are the other data-access libraries beside it.
        Assert.True(Precompiled.IsReadyToRun(loaded));
        Assert.Empty(Precompiled.NotPrecompiledIn(Path.GetDirectoryName(loaded)!));
        Assert.False(Precompiled.IsReadyToRun(typeof(CsvHelper.CsvReader).Assembly.Location));
    }
}
