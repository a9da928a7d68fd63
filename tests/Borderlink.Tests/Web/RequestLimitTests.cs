using System.Net;
using System.Net.Sockets;
using System.Text;
using Borderlink.Tests.Infrastructure;
using Borderlink.Tests.Sharing;

namespace Borderlink.Tests.Web;

/// <summary>
/// A body over its endpoint's limit is refused with 413 and a problem document whether it declares its length or
/// comes in chunks, on the real server (the in-process test host does not enforce body limits), and the node keeps
/// working. A person posting an oversized form gets a page in their language, not a document.
/// </summary>
public sealed class RequestLimitTests
{
    [Fact]
    public async Task A_body_over_the_limit_gets_413_however_it_is_sent()
    {
        await using var node = await ProcessNode.AsReadmeRunsAsync(database: await new BorderlinkApp().SeededDatabaseAsync());
        await node.StartAsync();
        var cookies = new CookieContainer();
        var officer = await node.SignInAsync("langson.officer", cookies: cookies);
        var cookie = cookies.GetCookieHeader(new Uri(node.BaseUrl));

        // (endpoint, its limit, content type, signed in)
        (string Path, long Limit, string Type, bool SignedIn)[] cases =
        [
            ("/api/v1/liaison-notes", 1024 * 1024, "application/json", true),
            ("/api/v1/situation-reports/imports", 64L * 1024 * 1024, "text/csv", true),
            ("/exchange/v1/inbox", 16L * 1024 * 1024, "application/json", false),
        ];
        foreach (var (path, limit, type, signedIn) in cases)
        {
            foreach (var chunked in new[] { false, true })
            {
                // 16 MB over: more than the sockets buffer, so the client is still sending when the answer comes.
                var (answer, sentAll) = await RawPostAsync(node.Port, path, type, signedIn ? cookie : null, limit + 16 * 1024 * 1024, chunked);
                var what = $"{path} ({(chunked ? "chunked" : "with a length")})";
                // The server reads the rest away instead of resetting the connection, which would make a proxy in
                // front lose the answer (nginx then gives its own 502).
                Assert.True(sentAll, $"{what}: the connection was closed while the client was still sending");
                Assert.True(answer.StartsWith("HTTP/1.1 413 ", StringComparison.Ordinal), $"{what} answered {answer.Split('\r')[0]}");
                Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("\"type\":\"urn:borderlink:problem:too-large\"", answer, StringComparison.Ordinal);
            }
        }

        // Positive control: under the limit, chunked, the same endpoint reads the body (and finds it is not a note).
        var (read, _) = await RawPostAsync(node.Port, "/api/v1/liaison-notes", "application/json", cookie, 64 * 1024, chunked: true);
        Assert.StartsWith("HTTP/1.1 400 ", read, StringComparison.Ordinal);
        Assert.Contains("urn:borderlink:problem:validation", read, StringComparison.Ordinal);

        // The node still works, and none of this was logged as a server error.
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/liaison-notes")).StatusCode);
        Assert.DoesNotContain("An unhandled exception", node.Output(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Posts <paramref name="length"/> bytes (mostly <c>x</c>) with a Content-Length or in chunks, reading the answer while
    /// still sending (as browsers and curl do: the server answers early), and returns the raw answer and whether all of
    /// the body could be sent.
    /// </summary>
    private static async Task<(string Answer, bool SentAll)> RawPostAsync(int port, string path, string type, string? cookie, long length, bool chunked)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {type}\r\nConnection: close\r\n"
            + (cookie is null ? "" : $"Cookie: {cookie}\r\n")
            + (chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {length}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var sending = Task.Run(async () =>
        {
            var block = new byte[64 * 1024];
            Array.Fill(block, (byte)'x');
            // JSON that stays valid as far as it goes (one long string), so a reader keeps reading up to the limit.
            var first = block.ToArray();
            if (type.Contains("json", StringComparison.Ordinal)) "{\"title\":\""u8.CopyTo(first);
            try
            {
                for (var sent = 0L; sent < length; sent += block.Length)
                {
                    var size = (int)Math.Min(block.Length, length - sent);
                    if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:X}\r\n"));
                    await stream.WriteAsync((sent == 0 ? first : block).AsMemory(0, size));
                    if (chunked) await stream.WriteAsync("\r\n"u8.ToArray());
                }
                if (chunked) await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
                return true;
            }
            catch (IOException)
            {
                // The server closed the connection before the rest was sent.
                return false;
            }
        });
        using var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0) answer.Write(buffer, 0, read);
        }
        catch (IOException) when (answer.Length > 0)
        {
            // Reset after the answer arrived.
        }
        return (Encoding.UTF8.GetString(answer.ToArray()), await sending);
    }

    [Fact]
    public async Task An_oversized_form_gets_a_page_in_the_users_language()
    {
        await using var node = await ProcessNode.AsReadmeRunsAsync(database: await new BorderlinkApp().SeededDatabaseAsync());
        await node.StartAsync();
        var officer = await node.SignInAsync("langson.officer"); // Vietnamese by preference
        var token = await Forms.TokenFromAsync(officer, "/notes/new");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("_handler", "note"), new("Form.Title", "big"),
            new("Form.Body", new string('x', 2 * 1024 * 1024)), new("Form.Language", "vi"),
        };
        var response = await officer.PostAsync("/notes/new", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Yêu cầu quá lớn.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/notes/new\"", html, StringComparison.Ordinal);

        // Positive control: the same form under the limit saves the note.
        fields[3] = new("Form.Body", "small");
        fields[0] = new("__RequestVerificationToken", await Forms.TokenFromAsync(officer, "/notes/new"));
        var saved = await officer.PostAsync("/notes/new", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }
}
