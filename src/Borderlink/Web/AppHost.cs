namespace Borderlink.Web;

/// <summary>
/// Where the program finds its own files (settings, static assets): the folder it was built or published into,
/// whatever the working directory it is started from (README's <c>dotnet run</c>, a systemd unit, the demo script).
/// An explicit <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> still wins.
/// </summary>
public static class AppHost
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ExplicitContentRoot(args) ? null : AppContext.BaseDirectory,
    };

    private static bool ExplicitContentRoot(string[] args) =>
        args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));

    /// <summary>
    /// Static assets are public files: the stylesheet and scripts are served to anonymous visitors (the login page is
    /// styled), and run from a build output as from a published one. A build output finds them through the build's
    /// static web assets manifest, which a published output does not have (its wwwroot holds them); the call does nothing
    /// there. Development did this on its own; Production, which README's command runs, did not.
    /// </summary>
    public static WebApplicationBuilder AddStaticAssetsEverywhere(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }
}
