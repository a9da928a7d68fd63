using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Sharing;

/// <summary>
/// A real Borderlink process on a loopback port with a database of its own: started, killed with SIGKILL, started
/// again on the same database. For the fault tests of PROTOCOL.md.
/// </summary>
public sealed class ProcessNode : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private Process? _process;
    private readonly List<string> _output = [];

    public string Id { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public TestDatabase Database { get; }
    /// <summary>The app's process while it runs (benchmarks read its peak memory).</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    private ProcessNode(string id, int port, TestDatabase database, Dictionary<string, string> environment)
    {
        Id = id;
        Port = port;
        Database = database;
        _environment = environment;
    }

    /// <summary>A node hosting <paramref name="parties"/>, on <paramref name="database"/> (a new empty one when not given).</summary>
    public static async Task<ProcessNode> CreateAsync(string id, string[] parties, TestDatabase? database = null)
    {
        database ??= await TestDatabase.CreateAsync();
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Node__Id"] = id,
            ["Node__BaseUrl"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__Borderlink"] = database.ConnectionString,
            ["Demo__Enabled"] = "true",
            ["Security__SignInsPerAddressPerMinute"] = "100000",
            ["Exchange__PollMilliseconds"] = "100",
            ["Exchange__MaxBackoffSeconds"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        for (var i = 0; i < parties.Length; i++) environment[$"Node__HostedParties__{i}"] = parties[i];
        return new ProcessNode(id, port, database, environment);
    }

    /// <summary>
    /// The app as README's command runs it: Production, its own settings, nothing given but an address and a database
    /// (demo data is the embedded default's; PostgreSQL needs it asked for). It starts from <paramref name="appDirectory"/>
    /// (the build output by default, or a published one) with another folder as its working directory, as a service
    /// manager or a user in another folder would start it.
    /// </summary>
    public static async Task<ProcessNode> AsReadmeRunsAsync(string? appDirectory = null, bool viaDotnetRun = false, TestDatabase? database = null)
    {
        database ??= await TestDatabase.CreateAsync();
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__Borderlink"] = database.ConnectionString,
        };
        if (database.Provider == "Postgres") environment["Demo__Enabled"] = "true";
        var workingDirectory = Directory.CreateTempSubdirectory("borderlink-cwd-").FullName;
        return new ProcessNode("app", port, database, environment)
        {
            _asReadme = true, _appDirectory = appDirectory, _workingDirectory = workingDirectory, _viaDotnetRun = viaDotnetRun,
        };
    }

    private bool _asReadme;
    private bool _viaDotnetRun;
    private string? _appDirectory;
    private string? _workingDirectory;

    /// <summary>Another instance of the same node: same database, same node id, its own port.</summary>
    public ProcessNode SecondInstance()
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>(_environment) { ["Urls"] = $"http://127.0.0.1:{port}" };
        return new ProcessNode(Id + "#2", port, Database, environment) { _sharesDatabase = true };
    }

    private bool _sharesDatabase;

    /// <summary>One more setting for the app's environment, before it starts (e.g. a log level a benchmark reads).</summary>
    public ProcessNode With(string key, string value)
    {
        _environment[key] = value;
        return this;
    }

    public async Task StartAsync(bool deliveryEnabled = true)
    {
        if (!_asReadme) _environment["Exchange__DeliveryEnabled"] = deliveryEnabled ? "true" : "false";
        _process = Process.Start(StartInfo([]))!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Id} exited at start:\n{Output()}");
            try
            {
                if ((await client.GetAsync($"{BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Id} did not become healthy:\n{Output()}");
    }

    /// <summary>The program with this node's settings and <paramref name="verb"/> (none: the node itself).</summary>
    private ProcessStartInfo StartInfo(string[] verb)
    {
        var appDir = _appDirectory ?? Repository.AppDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workingDirectory ?? appDir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (_viaDotnetRun && verb.Length == 0)
        {
            // README's own words, from the clone's root, on the output this test binary's build made.
            start.WorkingDirectory = Repository.Root();
            foreach (var arg in new[] { "run", "--no-build", "-c", Repository.Configuration(), "--project", "src/Borderlink" }) start.ArgumentList.Add(arg);
        }
        else
        {
            start.ArgumentList.Add(Path.Combine(appDir, "Borderlink.dll"));
            foreach (var arg in verb) start.ArgumentList.Add(arg);
        }
        // Production, as a user's shell has it: nothing of the test runner's environment chooses another.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT" }) start.Environment.Remove(name);
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        return start;
    }

    /// <summary>
    /// Runs one of the program's operator verbs (<c>backup FILE</c>, <c>audit verify</c>…) as an operator would, with
    /// this node's settings, whether or not the node itself runs: its exit code and what it printed.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunVerbAsync(params string[] verb)
    {
        using var process = Process.Start(StartInfo(verb))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Removes a setting from the app's environment, before it starts.</summary>
    public ProcessNode Without(string key)
    {
        _environment.Remove(key);
        return this;
    }

    /// <summary>Starts the app expecting it to stop by itself (a refused start): its exit code and everything it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunToExitAsync(TimeSpan limit)
    {
        try
        {
            await StartAsync();
        }
        catch (InvalidOperationException) when (_process is { HasExited: true })
        {
        }
        using var timeout = new CancellationTokenSource(limit);
        await _process!.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // the output handlers have run
        lock (_output) return (_process.ExitCode, string.Join('\n', _output));
    }

    /// <summary>kill -9: no shutdown, no flush, whatever was in flight is cut.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>How many lines the app has printed so far (to read what it printed after a moment).</summary>
    public int OutputLines
    {
        get { lock (_output) return _output.Count; }
    }

    /// <summary>The lines printed since line <paramref name="from"/>.</summary>
    public List<string> OutputSince(int from)
    {
        lock (_output) return _output.Skip(from).ToList();
    }

    public string Output()
    {
        lock (_output) return string.Join('\n', _output.TakeLast(60));
    }

    /// <summary>Runs one scalar query against the node's database, from outside the process.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using DbConnection connection = Database.Provider == "Postgres"
            ? new Npgsql.NpgsqlConnection(Database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public HttpClient Client(TimeSpan? timeout = null, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
    {
        BaseAddress = new Uri(BaseUrl),
        Timeout = timeout ?? TimeSpan.FromSeconds(100),
    };

    /// <summary>
    /// A client signed in as <paramref name="user"/>. Without a cookie container of the caller's, the first call for a
    /// user posts the login form and later ones get a new client with the cookies it left (a second browser of a user
    /// already signed in; the node's keys are in its database, so they hold across restarts): the fault tests' writers
    /// sign in eight at a time, and each form sign-in is a deliberately slow password check in the node.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string user, TimeSpan? timeout = null, CookieContainer? cookies = null)
    {
        if (cookies is not null) return await SignInThroughFormAsync(user, timeout, cookies);
        var signedIn = await _sessions.GetAsync(user, async name =>
        {
            var container = new CookieContainer();
            using var _ = await SignInThroughFormAsync(name, null, container);
            return Forms.CookiesIn(container);
        });
        return Client(timeout, Forms.JarWith(signedIn));
    }

    private readonly OnceEach<Cookie[]> _sessions = new();

    private async Task<HttpClient> SignInThroughFormAsync(string user, TimeSpan? timeout, CookieContainer cookies)
    {
        var client = Client(timeout, cookies);
        var response = await Forms.PostLoginAsync(client, user, Forms.DemoPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await response.Content.ReadAsStringAsync();
            var alert = System.Text.RegularExpressions.Regex.Match(page, "role=\"alert\"[^>]*>([^<]*)<").Groups[1].Value;
            throw new InvalidOperationException($"sign-in of {user} on {Id} failed: {(int)response.StatusCode} {alert}\n{Output()}");
        }
        return client;
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        if (!_sharesDatabase) await Database.DisposeAsync();
        if (_workingDirectory is not null) Directory.Delete(_workingDirectory, recursive: true);
    }
}
