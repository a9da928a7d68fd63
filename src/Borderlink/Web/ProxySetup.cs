using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Borderlink.Web;

/// <summary>
/// The reverse proxies (nginx in README's Deploy section) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// Borderlink believes. Nothing is believed unless listed: a client that talks to the node directly cannot name
/// another address by sending the header itself. Once a proxy is listed, the audit, the sign-in limits and the
/// request limiter see the client's address instead of the proxy's.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>127.0.0.1</c> for an nginx on the same machine.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR form, e.g. <c>10.20.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Configured => Proxies().Any() || Networks().Any();

    public IEnumerable<IPAddress> Proxies() => Entries(KnownProxies).Select(e => IPAddress.TryParse(e, out var a) ? a : null).OfType<IPAddress>();

    public IEnumerable<IPNetwork> Networks() =>
        Entries(KnownNetworks).Select(e => IPNetwork.TryParse(e, out var n) ? (IPNetwork?)n : null).OfType<IPNetwork>();

    /// <summary>Each entry may itself hold several, separated by commas (one environment variable for a list).</summary>
    private static IEnumerable<string> Entries(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in Entries(KnownProxies).Where(e => !IPAddress.TryParse(e, out _)))
        {
            yield return new ValidationResult($"KnownProxies: \"{entry}\" is not an IP address (e.g. 127.0.0.1).", [nameof(KnownProxies)]);
        }
        foreach (var entry in Entries(KnownNetworks).Where(e => !IPNetwork.TryParse(e, out _)))
        {
            yield return new ValidationResult($"KnownNetworks: \"{entry}\" is not a network in CIDR form (e.g. 10.20.0.0/24).", [nameof(KnownNetworks)]);
        }
    }
}

public static class ProxySetup
{
    public static WebApplicationBuilder AddBorderlinkProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<ProxyOptions>(ProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; here only what the operator listed is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.Proxies()) o.KnownProxies.Add(proxy);
            foreach (var network in proxies.Value.Networks()) o.KnownIPNetworks.Add(network);
            // A chain of listed proxies is walked back to the first address that is not one of them.
            o.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after (limits, audit, the scheme of links) sees the client.</summary>
    public static WebApplication UseBorderlinkProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxyOptions>>().Value.Configured)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
