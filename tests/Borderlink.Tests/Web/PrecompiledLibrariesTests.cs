using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Web;

/// <summary>
/// README "Start-up": the program README's commands run (its build output) holds the data-access libraries precompiled,
/// so a node start does not compile them again. The published output is checked by the deploy test (browser suite).
/// </summary>
public sealed class PrecompiledLibrariesTests
{
    [Fact]
    public void The_build_output_holds_the_data_access_libraries_precompiled_and_the_program_itself_as_IL()
    {
        var app = Repository.AppDirectory();
        Assert.Empty(Precompiled.NotPrecompiledIn(app));
        // The check tells the two apart: the program's own assembly is IL only, and so is EF Core as NuGet ships it (the
        // copy this test process loaded from its own folder).
        Assert.False(Precompiled.IsReadyToRun(Path.Combine(app, "Borderlink.dll")));
        Assert.False(Precompiled.IsReadyToRun(typeof(DbContext).Assembly.Location));
        Assert.NotEqual(Path.GetDirectoryName(typeof(DbContext).Assembly.Location), app);
    }
}
