using Borderlink.Data;
using Borderlink.Features;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;

var builder = WebApplication.CreateBuilder(AppHost.Options(args));
builder.AddBorderlinkData();
builder.AddBorderlinkAuth();
builder.AddBorderlinkWeb();
builder.AddBorderlinkExchange();
builder.AddBorderlinkFeatures();

var app = builder.Build();

if (!ConfigurationCheck.Passes(app))
{
    return ConfigurationCheck.ExitCode;
}
try
{
    if (Cli.IsCommand(args))
    {
        return await Cli.RunAsync(app, args);
    }
    await app.PrepareDatabaseAsync();
}
catch (StartupRefusedException refused)
{
    Console.Error.WriteLine("Borderlink cannot start: " + refused.Message);
    return ConfigurationCheck.ExitCode;
}

app.UseBorderlinkWeb();
app.UseMiddleware<TwoFactorEnforcement>();
app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapPreferences();
app.MapBorderlinkFeatures();
app.MapExchangeApi();
app.MapExchangeInbox();
app.MapRazorComponents<App>();

await app.RunAsync();
return 0;

/// <summary>Visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;
