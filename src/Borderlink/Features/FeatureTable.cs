using Borderlink.Features.Accounts;
using Borderlink.Features.Agreements;
using Borderlink.Features.Alerts;
using Borderlink.Features.Audit;
using Borderlink.Features.Communications;
using Borderlink.Features.Cooperation;
using Borderlink.Features.Directory;
using Borderlink.Features.Gates;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Goods;
using Borderlink.Features.Home;
using Borderlink.Features.Measures;
using Borderlink.Features.Meetings;
using Borderlink.Features.Minutes;
using Borderlink.Features.Notes;
using Borderlink.Features.Notifications;
using Borderlink.Features.Permits;
using Borderlink.Features.Quarantine;
using Borderlink.Features.Reference;
using Borderlink.Features.Replies;
using Borderlink.Features.Rules;
using Borderlink.Features.Screening;
using Borderlink.Features.Situation;
using Borderlink.Features.Traffic;
using Borderlink.Features.Translation;
using Borderlink.Features.Vectors;
using Borderlink.Web;

namespace Borderlink.Features;

/// <summary>
/// The features of Borderlink, each with its services and its API, in one table. A feature's use cases that need
/// nothing but the database are static and registered nowhere; a feature with services lists them here, beside it.
/// Pages are found by the router; save steps are listed in <see cref="Data.SavePipelineSetup"/>.
/// </summary>
public static class FeatureTable
{
    public static WebApplicationBuilder AddBorderlinkFeatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Reference data and the gazetteer: read by nearly every feature, cached per node.
        services.AddSingleton<ReferenceCache>().AddSingleton<GazetteerIndex>().AddScoped<EditReference>().AddScoped<ManageAgencies>();
        services.AddScoped<ManageUsers>();
        services.AddScoped<AuditVerifier>();
        // The audit chain is appended after each save commits, by one sequencer per instance.
        services.AddSingleton<AuditSequencer>().AddHostedService(sp => sp.GetRequiredService<AuditSequencer>());
        // Alerts, mail and the deadline watches that raise them (one background pass runs every watch).
        services.AddSettings<NotificationOptions>(NotificationOptions.Section);
        services.AddSettings<SmtpOptions>(SmtpOptions.Section);
        services.AddSingleton<AlertMailer>().AddHostedService<DeadlineWatch>();
        services.AddDeadlineWatch<EscalateOverdue>().AddDeadlineWatch<RemindMeasures>().AddDeadlineWatch<AlertCongestion>()
            .AddDeadlineWatch<SendAlertDigests>();
        services.AddScoped<SituationColumns>().AddScoped<ImportSituation>().AddScoped<SituationExport>();
        services.AddScoped<ScreeningSummaries>().AddScoped<IngestCrossings>().AddScoped<ScreeningRegister>();
        return builder;
    }

    public static WebApplication MapBorderlinkFeatures(this WebApplication app)
    {
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
        app.MapRulesApi();
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
        return app;
    }
}
