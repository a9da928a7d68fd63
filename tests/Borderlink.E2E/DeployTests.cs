using System.Net;
using System.Text.Json;
using Borderlink.Tests.Infrastructure;
using Borderlink.Tests.Sharing;

namespace Borderlink.E2E;

/// <summary>
/// README's Deploy section as written: the published output started as the systemd unit starts it (Production, from
/// another folder), nginx in front with the site file in <c>deploy/</c>, and the proxy listed in
/// <c>ForwardedHeaders__KnownProxies</c>. Each client leaves from an address of its own on the loopback network, so the
/// client, nginx (127.0.0.1) and a spoofer can be told apart.
/// </summary>
public sealed class DeployTests
{
    [Fact]
    public async Task Behind_nginx_the_audit_and_the_sign_in_limit_see_each_client_and_a_client_cannot_name_another_address()
    {
        var published = await PublishedOutput.CreateAsync();
        try
        {
            // What is deployed starts as fast as what was built: the data-access libraries and (published for release)
            // the program itself are precompiled there too.
            Assert.Empty(Precompiled.NotPrecompiledIn(published));
            Assert.Equal(Precompiled.ProgramIsPrecompiled, Precompiled.IsReadyToRun(Path.Combine(published, "Borderlink.dll")));
            await using var node = (await ProcessNode.AsReadmeRunsAsync(published))
                .With("ForwardedHeaders__KnownProxies__0", "127.0.0.1")
                .With("Security__SignInsPerAddressPerMinute", "3");
            await node.StartAsync();
            await using var nginx = await Nginx.StartAsync(node.Port);

            // Three wrong passwords from 127.0.0.2 through nginx use that client's allowance; the fourth is refused.
            using var first = Nginx.ClientFrom("127.0.0.2", nginx.BaseUrl, "vi");
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await Forms.PostLoginAsync(first, "langson.officer", "wrong-password-123")).StatusCode);
            }
            var refused = await Forms.PostLoginAsync(first, "langson.officer", "wrong-password-123");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);

            // Another client behind the same nginx has its own allowance: the limit is per client, not per proxy.
            using var second = Nginx.ClientFrom("127.0.0.3", nginx.BaseUrl, "vi");
            second.DefaultRequestHeaders.Add("X-Forwarded-For", "10.9.9.9"); // replaced by nginx with what it saw
            Assert.Equal(HttpStatusCode.OK, (await Forms.PostLoginAsync(second, "caobang.officer", "wrong-password-123")).StatusCode);

            // Straight to the node, not through a listed proxy, the header is not believed.
            using var spoofer = Nginx.ClientFrom("127.0.0.5", node.BaseUrl, "vi");
            spoofer.DefaultRequestHeaders.Add("X-Forwarded-For", "10.8.8.8");
            Assert.Equal(HttpStatusCode.OK, (await Forms.PostLoginAsync(spoofer, "quangninh.officer", "wrong-password-123")).StatusCode);

            // An administrator signed in through nginx reads the node's trail: each line names its client.
            using var admin = Nginx.ClientFrom("127.0.0.4", nginx.BaseUrl, "vi");
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostLoginAsync(admin, "langson.admin", Forms.DemoPassword)).StatusCode);
            var failed = await TrailAsync(admin, "scope=Node&action=login-failed&pageSize=50");
            Assert.Equal(["127.0.0.2", "127.0.0.2", "127.0.0.2", "127.0.0.2"], ClientsOf(failed, "langson.officer"));
            Assert.Equal(["127.0.0.3"], ClientsOf(failed, "caobang.officer"));
            Assert.Equal(["127.0.0.5"], ClientsOf(failed, "quangninh.officer"));
            Assert.DoesNotContain(failed, e => e.Client is "127.0.0.1" or "10.9.9.9" or "10.8.8.8");
            var signIns = await TrailAsync(admin, "action=login&pageSize=50");
            Assert.Contains(signIns, e => e.Actor == "langson.admin" && e.Client == "127.0.0.4");

            // The trail page shows the same address to the administrator.
            var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/audit?action=login"));
            Assert.Contains("Địa chỉ máy", page, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"audit-client\">127.0.0.4<", page, StringComparison.Ordinal);

            // nginx leaves size limits to the node, which answers in the reader's language (nginx's own page is English).
            // The node reads and discards what the client still sends after the refusal (a bounded drain), so its
            // answer reaches nginx instead of a reset connection that nginx turns into 502 — which happened on CI once
            // for a single 3 MB form, hence several sizes, each sent with a declared length and chunked, in a row.
            using var officer = Nginx.ClientFrom("127.0.0.6", nginx.BaseUrl, "vi");
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostLoginAsync(officer, "langson.liaison", Forms.DemoPassword)).StatusCode);
            var token = await Forms.TokenFromAsync(officer, "/notes/new");
            foreach (var megabytes in new[] { 2, 3, 8, 3, 20, 2 })
            {
                foreach (var chunked in new[] { false, true })
                {
                    var form = new FormUrlEncodedContent(
                    [
                        new("__RequestVerificationToken", token), new("_handler", "note"), new("Form.Title", "big"),
                        new("Form.Body", new string('x', megabytes * 1024 * 1024)), new("Form.Language", "vi"),
                    ]);
                    using var content = chunked ? new StreamContent(await form.ReadAsStreamAsync()) : (HttpContent)form;
                    if (chunked) content.Headers.ContentType = form.Headers.ContentType;
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/notes/new") { Content = content };
                    if (chunked) request.Headers.TransferEncodingChunked = true;
                    using var big = await officer.SendAsync(request);
                    Assert.True(big.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{megabytes} MB, chunked: {chunked} → {(int)big.StatusCode}");
                    Assert.Contains("Yêu cầu quá lớn.", WebUtility.HtmlDecode(await big.Content.ReadAsStringAsync()), StringComparison.Ordinal);
                }
            }
            // Positive control: the same form of an ordinary size is taken, on the same connection pool.
            var note = await officer.PostAsync("/notes/new", new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", token), new("_handler", "note"), new("Form.Title", "ordinary"),
                new("Form.Body", "a line"), new("Form.Language", "vi"),
            ]));
            Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }

    private sealed record Line(string Actor, string? Detail, string? Client);

    private static async Task<List<Line>> TrailAsync(HttpClient admin, string query)
    {
        using var json = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/audit-entries?" + query));
        return json.RootElement.GetProperty("items").EnumerateArray()
            .Select(e => new Line(e.GetProperty("actor").GetString()!, e.GetProperty("detail").GetString(), e.GetProperty("client").GetString()))
            .ToList();
    }

    private static List<string?> ClientsOf(List<Line> lines, string userName) =>
        lines.Where(l => l.Detail is { } d && d.StartsWith("{\"K\":\"login.", StringComparison.Ordinal) && d.Contains($"\"x:{userName}\"", StringComparison.Ordinal)).Select(l => l.Client).ToList();
}
