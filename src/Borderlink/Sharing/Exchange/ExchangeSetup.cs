using Borderlink.Web;
namespace Borderlink.Sharing.Exchange;

public static class ExchangeSetup
{
    public static WebApplicationBuilder AddBorderlinkExchange(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<NodeOptions>(NodeOptions.Section);
        builder.Services.AddSettings<ExchangeOptions>(ExchangeOptions.Section)
            .Validate(o => o.ClaimLease >= o.SendTimeout, "Exchange:ClaimLeaseSeconds must not be shorter than Exchange:SendTimeoutSeconds.");
        builder.Services.AddSingleton<LocalNode>();
        builder.Services.AddSingleton<TrustCache>();
        builder.Services.AddScoped<NodeKeys>();
        builder.Services.AddScoped<NodeCards>();
        builder.Services.AddScoped<Inbox>();
        builder.Services.AddSingleton<InboxGroupCommit>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxGroupCommit>());
        builder.Services.AddScoped<ExchangeAdmin>();
        builder.Services.AddSingleton<PartnerLinks>();
        // No line per request or failure from the client itself: PartnerLinks says when a partner stops and starts
        // answering, which an outage of days keeps to a few lines.
        builder.Services.AddHttpClient(DeliveryWorker.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExchangeOptions>>().Value.SendTimeout)
            .RemoveAllLoggers();
        builder.Services.AddHostedService<DeliveryWorker>();
        return builder;
    }
}
