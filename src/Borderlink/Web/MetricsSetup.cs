using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Borderlink.Web;

/// <summary>Where the node's metrics go; nothing is exported unless one of the two addresses is set.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>
    /// The address Prometheus scrapes, on a listener of its own apart from the application's port, e.g.
    /// <c>http://127.0.0.1:9464/metrics</c>. Loopback or an operators' network: the page needs no sign-in, so it must not be public.
    /// </summary>
    public string? PrometheusUrl { get; set; }

    /// <summary>An OpenTelemetry collector to push to, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>…:4318/v1/metrics</c> (HTTP).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often the exchange queue's figures (messages waiting, oldest age per partner) are read from the database.</summary>
    [Range(1, 3600)]
    public int QueueSeconds { get; set; } = 15;

    public bool Exported => !string.IsNullOrWhiteSpace(PrometheusUrl) || !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PrometheusUrl) && !(Uri.TryCreate(PrometheusUrl, UriKind.Absolute, out var p) && p.Scheme == Uri.UriSchemeHttp && p.AbsolutePath.Length > 1))
            yield return new ValidationResult($"PrometheusUrl: \"{PrometheusUrl}\" should be an http address with a path, e.g. http://127.0.0.1:9464/metrics.", [nameof(PrometheusUrl)]);
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
            yield return new ValidationResult($"OtlpEndpoint: \"{OtlpEndpoint}\" is not an absolute address, e.g. http://127.0.0.1:4317.", [nameof(OtlpEndpoint)]);
    }
}

public static class MetricsSetup
{
    /// <summary>Meters exported besides Borderlink's own: HTTP server requests, Kestrel connections, the .NET runtime.</summary>
    public static readonly string[] PlatformMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    public static WebApplicationBuilder AddBorderlinkMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<MetricsOptions>(MetricsOptions.Section);
        builder.Services.AddSingleton<NodeMetrics>();
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        // Addresses that do not read are left to the configuration check, which stops the node with one line.
        var prometheus = Uri.TryCreate(options.PrometheusUrl, UriKind.Absolute, out var p) ? p : null;
        var otlp = Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var o) ? o : null;
        if (prometheus is null && otlp is null) return builder;

        builder.Services.AddHostedService<Sharing.Exchange.ExchangeQueueMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("borderlink", serviceInstanceId: builder.Configuration["Node:Id"] ?? Environment.MachineName))
            .WithMetrics(m =>
            {
                m.AddMeter([NodeMetrics.MeterName, .. PlatformMeters]);
                if (prometheus is not null)
                {
                    m.AddPrometheusHttpListener(l =>
                    {
                        l.Host = prometheus.Host;
                        l.Port = prometheus.Port;
                        l.ScrapeEndpointPath = prometheus.AbsolutePath;
                    });
                }
                if (otlp is not null)
                {
                    m.AddOtlpExporter(e =>
                    {
                        e.Endpoint = otlp;
                        e.Protocol = otlp.AbsolutePath.EndsWith("/v1/metrics", StringComparison.Ordinal) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    });
                }
            });
        return builder;
    }
}
