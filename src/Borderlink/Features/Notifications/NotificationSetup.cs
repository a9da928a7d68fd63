using Borderlink.Web;
namespace Borderlink.Features.Notifications;

public static class NotificationSetup
{
    public static WebApplicationBuilder AddBorderlinkNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<NotificationOptions>(NotificationOptions.Section);
        builder.Services.AddSettings<SmtpOptions>(SmtpOptions.Section);
        builder.Services.AddSingleton<AlertMailer>();
        builder.Services.AddScoped<EscalateOverdue>();
        builder.Services.AddScoped<IDeadlineWatch>(sp => sp.GetRequiredService<EscalateOverdue>());
        builder.Services.AddScoped<Measures.RemindMeasures>();
        builder.Services.AddScoped<IDeadlineWatch>(sp => sp.GetRequiredService<Measures.RemindMeasures>());
        builder.Services.AddScoped<Traffic.AlertCongestion>();
        builder.Services.AddScoped<IDeadlineWatch>(sp => sp.GetRequiredService<Traffic.AlertCongestion>());
        builder.Services.AddScoped<Alerts.SendAlertDigests>();
        builder.Services.AddScoped<IDeadlineWatch>(sp => sp.GetRequiredService<Alerts.SendAlertDigests>());
        builder.Services.AddHostedService<DeadlineWatch>();
        return builder;
    }
}
