using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Borderlink.Features.Notes;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Sharing;

/// <summary>
/// Two sovereign nodes in one process, each with its own database: a China node hosting Guangxi and Yunnan and a
/// Vietnam node hosting the border provinces. Their delivery workers reach each other's inbox through the router
/// below, which can also play a broken link. Cards are exchanged through the administrators' API.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    public BorderlinkApp China { get; }
    public BorderlinkApp Vietnam { get; }
    public Router Links { get; } = new();

    private TwoNodes((string Key, string Value)[] settings)
    {
        China = Node("cn-gx", "http://cn.test", ["CN-GX", "CN-YN"], settings);
        Vietnam = Node("vn-north", "http://vn.test", ["VN-13", "VN-09", "VN-04", "VN-07", "VN-02"], settings);
    }

    private BorderlinkApp Node(string id, string baseUrl, string[] parties, (string Key, string Value)[] settings)
    {
        var app = new BorderlinkApp().Hosting(id, baseUrl, parties).WithSetting("Exchange:PollMilliseconds", "100");
        foreach (var (key, value) in settings) app.WithSetting(key, value);
        app.ExchangeHandler = Links;
        return app;
    }

    /// <summary>Starts both nodes, each with <paramref name="settings"/> on top of its own, and exchanges their cards.</summary>
    public static async Task<TwoNodes> StartAsync(params (string Key, string Value)[] settings)
    {
        var nodes = new TwoNodes(settings);
        await Task.WhenAll(nodes.China.InitializeAsync().AsTask(), nodes.Vietnam.InitializeAsync().AsTask());
        nodes.Links.Hosts["cn.test"] = nodes.China.Server.CreateHandler();
        nodes.Links.Hosts["vn.test"] = nodes.Vietnam.Server.CreateHandler();
        var cnAdmin = await nodes.China.SignInAsync("guangxi.admin");
        var vnAdmin = await nodes.Vietnam.SignInAsync("langson.admin");
        var cnCard = await cnAdmin.GetFromJsonAsync<NodeCard>("/api/v1/exchange/node-card");
        var vnCard = await vnAdmin.GetFromJsonAsync<NodeCard>("/api/v1/exchange/node-card");
        Ensure(await vnAdmin.PostAsJsonAsync("/api/v1/exchange/partners", cnCard));
        Ensure(await cnAdmin.PostAsJsonAsync("/api/v1/exchange/partners", vnCard));
        return nodes;
    }

    private static void Ensure(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"card import answered {(int)response.StatusCode}");
    }

    /// <summary>Polls until the condition holds, for at most ten seconds (the workers poll every 100 ms).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        return await condition();
    }

    /// <summary>Polls until the note is readable through <paramref name="client"/> (and passes <paramref name="check"/>).</summary>
    public static Task<bool> VisibleAsync(HttpClient client, Guid id, Func<NoteDto, bool>? check = null) =>
        EventuallyAsync(async () =>
        {
            var response = await client.GetAsync($"{NoteApiClient.Path}/{id}");
            return response.StatusCode == HttpStatusCode.OK && (check is null || check(await response.ReadAsync<NoteDto>()));
        });

    /// <summary>A Lang Son note's snapshot as the Vietnam node would send it.</summary>
    public static JsonElement NoteSnapshot(Guid id, long version) => RecordTypes.Snapshot(new LiaisonNote
    {
        Id = id, OwnerParty = "VN-09", Version = version, Title = $"v{version}", Body = "b", Language = "vi",
    });

    /// <summary>The public key of the node's current signing key, as its card gives it.</summary>
    public static async Task<string> CardKeyAsync(BorderlinkApp app)
    {
        var (key, _) = await app.WithServiceAsync<NodeKeys, (NodeKey, Microsoft.IdentityModel.Tokens.SecurityKey)>(keys => keys.CurrentAsync());
        return key.PublicJwk;
    }

    public async ValueTask DisposeAsync()
    {
        await China.DisposeAsync();
        await Vietnam.DisposeAsync();
    }

    /// <summary>Routes a node's outgoing requests to the other in-process node by host name; a cut link answers 503.</summary>
    public sealed class Router : HttpMessageHandler
    {
        public Dictionary<string, HttpMessageHandler> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Cut { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>What went over the wire to each host's inbox, as the sender sent it.</summary>
        public System.Collections.Concurrent.ConcurrentQueue<(string Host, string Body)> InboxBodies { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = request.RequestUri!.Host;
            if (request.RequestUri.AbsolutePath == "/exchange/v1/inbox" && request.Content is { } content)
            {
                InboxBodies.Enqueue((host, await content.ReadAsStringAsync(cancellationToken)));
            }
            if (Cut.Contains(host) || !Hosts.TryGetValue(host, out var target))
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("link down") };
            }
            using var invoker = new HttpMessageInvoker(target, disposeHandler: false);
            return await invoker.SendAsync(request, cancellationToken);
        }
    }
}
