namespace Borderlink.Features.Notifications;

public static class NotificationSetup
{
    public static WebApplicationBuilder AddBorderlinkNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AlertMailer>();
        builder.Services.AddScoped<EscalateOverdue>();
        builder.Services.AddHostedService<AcknowledgementWatch>();
        return builder;
    }
}
