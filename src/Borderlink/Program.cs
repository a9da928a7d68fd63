using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Borderlink.Features.Communications;
using Borderlink.Features.Cooperation;
using Borderlink.Features.Directory;
using Borderlink.Features.Gates;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Home;
using Borderlink.Features.Meetings;
using Borderlink.Features.Minutes;
using Borderlink.Features.Agreements;
using Borderlink.Features.Alerts;
using Borderlink.Features.Measures;
using Borderlink.Features.Translation;
using Borderlink.Features.Screening;
using Borderlink.Features.Permits;
using Borderlink.Features.Quarantine;
using Borderlink.Features.Vectors;
using Borderlink.Features.Traffic;
using Borderlink.Features.Goods;
using Borderlink.Features.Notes;
using Borderlink.Features.Notifications;
using Borderlink.Features.Reference;
using Borderlink.Features.Replies;
using Borderlink.Features.Situation;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;

var builder = WebApplication.CreateBuilder(AppHost.Options(args));
builder.AddBorderlinkData();
builder.AddBorderlinkAuth();
builder.AddBorderlinkWeb();
builder.AddBorderlinkExchange();
builder.AddBorderlinkNotifications();
builder.Services.AddSingleton<GazetteerIndex>();
builder.Services.AddSingleton<ReferenceCache>();
builder.Services.AddScoped<AuditVerifier>();
builder.Services.AddScoped<ManageUsers>();
builder.Services.AddScoped<ManageAgencies>();
builder.Services.AddScoped<EditReference>();
builder.Services.AddScoped<SituationColumns>();
builder.Services.AddScoped<ImportSituation>();
builder.Services.AddScoped<SituationExport>();
builder.Services.AddScoped<ScreeningSummaries>();
builder.Services.AddScoped<IngestCrossings>();
builder.Services.AddScoped<ScreeningRegister>();
builder.Services.AddScoped<KeepQuarantine>();

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
app.MapAccountApi();
app.MapOverviewApi();
app.MapAlertsApi();
app.MapRepliesApi();
app.MapNotesApi();
app.MapNotificationsApi();
app.MapSituationApi();
app.MapGatesApi();
app.MapCommunicationsApi();
app.MapMeetingsApi();
app.MapMinutesApi();
app.MapAgreementsApi();
app.MapMeasuresApi();
app.MapTranslationApi();
app.MapScreeningApi();
app.MapPermitsApi();
app.MapQuarantineApi();
app.MapVectorsApi();
app.MapTrafficApi();
app.MapGoodsApi();
app.MapCooperationApi();
app.MapDirectoryApi();
app.MapGazetteerApi();
app.MapReferenceApi();
app.MapAuditApi();
app.MapApiTokensApi();
app.MapUsersApi();
app.MapAgenciesApi();
app.MapExchangeApi();
app.MapExchangeInbox();
app.MapRazorComponents<App>();

await app.RunAsync();
return 0;

/// <summary>Visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;
