namespace Borderlink.Tests.Infrastructure;

/// <summary>Where the repository and the app's own build output are, seen from a test or bench binary.</summary>
public static class Repository
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Borderlink.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }

    /// <summary>src/Borderlink/bin/&lt;configuration&gt;/net10.0, matching the configuration this binary was built in.</summary>
    public static string AppDirectory() => Path.Combine(Root(), "src", "Borderlink", "bin", Configuration(), Output().Name);

    /// <summary>The configuration this binary was built in (Debug, Release), which the app's build output shares.</summary>
    public static string Configuration() => Output().Parent!.Name;

    private static DirectoryInfo Output() => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
}
