using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.E2E;

/// <summary>
/// Debian's nginx on a loopback port, configured with README's own site file (<c>deploy/nginx-borderlink.conf</c>),
/// of which only the listening address and the node's address are changed. Runs in the foreground, in a folder of its own.
/// </summary>
internal sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    private Nginx(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public static async Task<Nginx> StartAsync(int nodePort)
    {
        var executable = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed (test.sh installs Debian's package).");
        var directory = Directory.CreateTempSubdirectory("borderlink-nginx-").FullName;
        // nginx's workers run as nobody when the test runs as root: they write request bodies under this folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        var port = Borderlink.Tests.Sharing.ProcessNode.FreePort();
        var site = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "deploy", "nginx-borderlink.conf"));
        site = ReplaceOnce(site, "server 127.0.0.1:5080;", $"server 127.0.0.1:{nodePort};");
        site = ReplaceOnce(site, "listen 80;", $"listen 127.0.0.1:{port};");
        await File.WriteAllTextAsync(Path.Combine(directory, "borderlink.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/borderlink.conf;
            }
            """);
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;" }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var nginx = new Nginx(process, directory, port);
        using var client = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("nginx exited: " + await process.StandardError.ReadToEndAsync());
            try
            {
                if ((await client.GetAsync($"{nginx.BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK) return nginx;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        await nginx.DisposeAsync();
        throw new TimeoutException("nginx did not answer");
    }

    /// <summary>The site file must still hold the text the test changes: a rewritten file fails here, not silently.</summary>
    private static string ReplaceOnce(string text, string what, string with)
    {
        Assert.True(text.Split(what).Length == 2, $"deploy/nginx-borderlink.conf should contain \"{what}\" once");
        return text.Replace(what, with, StringComparison.Ordinal);
    }

    /// <summary>
    /// An HTTP client whose connections leave from <paramref name="localAddress"/> (any of 127.0.0.0/8 on Linux), so
    /// that several clients, the proxy and the node each have an address of their own on one machine.
    /// </summary>
    public static HttpClient ClientFrom(string localAddress, string baseUrl, string? language = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
