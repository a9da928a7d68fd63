using System.Diagnostics;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.E2E;

/// <summary>README's <c>dotnet publish</c>, for the tests that start the app as an operator deploys it.</summary>
internal static class PublishedOutput
{
    /// <summary>Publishes the build this test runs against (about 2 s: nothing is compiled again) into a folder of its own.</summary>
    public static async Task<string> CreateAsync()
    {
        var output = Directory.CreateTempSubdirectory("borderlink-publish-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root(), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", "src/Borderlink", "--no-build", "-c", Repository.Configuration(), "-o", output, "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var log = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "dotnet publish failed:\n" + log);
        return output;
    }
}
