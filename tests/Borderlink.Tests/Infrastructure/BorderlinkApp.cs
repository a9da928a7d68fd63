using Borderlink.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Borderlink.Tests.Infrastructure;

/// <summary>
/// The real Borderlink program on its own database, demo data seeded, reached through HTTP. The clock is a
/// <see cref="FakeTimeProvider"/> that starts at <see cref="Start"/> so times in assertions are exact.
/// </summary>
public class BorderlinkApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>23:30 in Hanoi, 00:30 the next day in Nanning.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 16, 30, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Where this app's delivery worker sends partner messages (another in-process app), when set.</summary>
    public HttpMessageHandler? ExchangeHandler { get; set; }
    public TestDatabase Database { get; private set; } = default!;
    private readonly Dictionary<string, string?> _settings = new();

    public BorderlinkApp WithSetting(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    public async ValueTask InitializeAsync()
    {
        Database = _buildsTemplate ? Database : await TestDatabase.FromTemplateAsync(TemplateKey(), BuildTemplateAsync);
        await StartAsync();
    }

    private bool _buildsTemplate;

    /// <summary>
    /// The settings that decide what a first start writes into the database (the node, the parties it hosts, demo data);
    /// apps that share them start from one migrated and seeded template. The node's address is not one of them: it is
    /// read where it is used (the node card, the delivery worker), never stored, so the fault tests' nodes on loopback and
    /// the in-process pair (cn.test, vn.test) start from the same two templates instead of four (a template is a first
    /// start: migrations and seeding).
    /// </summary>
    private string TemplateKey() => string.Join(";", TemplateSettings().Select(s => $"{s.Key}={s.Value}"));

    private IEnumerable<KeyValuePair<string, string?>> TemplateSettings() => _settings
        .Where(s => (s.Key.StartsWith("Node:", StringComparison.Ordinal) && s.Key != "Node:BaseUrl") || s.Key.StartsWith("Demo:", StringComparison.Ordinal))
        .OrderBy(s => s.Key, StringComparer.Ordinal);

    /// <summary>A first start of the app on the template's empty database, with those settings only: migrations and seeding.</summary>
    private async Task BuildTemplateAsync(TestDatabase empty)
    {
        await using var first = new BorderlinkApp { _buildsTemplate = true, Database = empty };
        foreach (var (key, value) in TemplateSettings()) first._settings[key] = value;
        await first.InitializeAsync();
        first._keepDatabase = true;
    }

    private bool _keepDatabase;

    /// <summary>
    /// A database as this app's first start would leave it (migrated, seeded for its hosted parties, no node identity),
    /// for a node started as a separate process on it (the fault tests).
    /// </summary>
    public Task<TestDatabase> SeededDatabaseAsync() => TestDatabase.FromTemplateAsync(TemplateKey(), BuildTemplateAsync);

    /// <summary>The settings of a node that hosts <paramref name="parties"/>, as the two-node tests and the fault tests have it.</summary>
    public BorderlinkApp Hosting(string nodeId, string baseUrl, params string[] parties)
    {
        WithSetting("Node:Id", nodeId).WithSetting("Node:BaseUrl", baseUrl);
        for (var i = 0; i < parties.Length; i++) WithSetting($"Node:HostedParties:{i}", parties[i]);
        return this;
    }

    /// <summary>Starting the server runs migrations and seeding, so the first test does not pay for it.</summary>
    protected virtual Task StartAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Borderlink", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Security:SignInsPerAddressPerMinute", "100000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (ExchangeHandler is { } handler)
            {
                services.AddHttpClient(Borderlink.Sharing.Exchange.DeliveryWorker.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => handler).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            }
        });
    }

    public HttpClient Anonymous(string? language = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
        return client;
    }

    /// <summary>
    /// A client signed in as <paramref name="userName"/> through the login form, as a browser would. With a language, the
    /// user then picks it with the header's language switch (which outranks their stored preference).
    /// </summary>
    /// <remarks>
    /// The first call for a user on this app posts the login form; later ones give a new client holding the cookies that
    /// sign-in left (a second browser of a user already signed in) as long as the clock has not moved and the account's row
    /// is unchanged since (a role, agency, lock or password change renews its stamps; a language switch made here carries
    /// the session over, with the switched language's cookie, as a sign-in would give it then): checking the password is a key
    /// derivation of ~70 ms of CPU, and signing in again for every client was a quarter of the test process's CPU. Sign-in
    /// itself is tested with <see cref="Forms.PostLoginAsync"/>, never through this.
    /// </remarks>
    public async Task<HttpClient> SignInAsync(string userName, string? language = null)
    {
        var session = await SessionAsync(userName);
        var jar = Forms.JarWith(session.Cookies);
        var client = CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar));
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            // The login page is open to everyone, so it serves a token even where a rule redirects other pages.
            var switched = await Forms.PostAsync(client, "/login", "/preferences/language", null, [new("culture", language), new("returnUrl", "/")]);
            if (switched.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Language switch to {language} failed: {(int)switched.StatusCode}");
            }
            // The switch stored the preference, which renews the account's concurrency stamp; a sign-in now would give the
            // same session with the switched language's cookie, which is what this client holds: it becomes the session
            // later clients start from, unless the security stamp moved meanwhile (then the next one signs in again).
            var stamps = await StampsAsync(userName);
            if (stamps.Item1 == session.Stamps.Item1)
            {
                _sessions.Replace(userName, session with { Cookies = Forms.CookiesIn(jar), Stamps = stamps });
            }
        }
        return client;
    }

    private sealed record Session(System.Net.Cookie[] Cookies, DateTimeOffset At, (string?, string?) Stamps);

    private readonly OnceEach<Session> _sessions = new();

    /// <summary>The user's session on this app, signed in again once the clock has moved or the account's row has changed.</summary>
    private Task<Session> SessionAsync(string userName) => _sessions.GetAsync(userName, SignInThroughFormAsync,
        async session => session.At == Clock.GetUtcNow() && session.Stamps == await StampsAsync(userName));

    private async Task<Session> SignInThroughFormAsync(string userName)
    {
        var cookies = new System.Net.CookieContainer();
        using var client = CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        var at = Clock.GetUtcNow();
        var response = await Forms.PostLoginAsync(client, userName, DemoPassword);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode}");
        }
        return new Session(Forms.CookiesIn(cookies), at, await StampsAsync(userName));
    }

    /// <summary>The account's stamps: Identity renews them with every change of the user, its roles or its password.</summary>
    private Task<(string?, string?)> StampsAsync(string userName) => WithSystemDbAsync(async db =>
    {
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == userName)
            .Select(u => new { u.SecurityStamp, u.ConcurrencyStamp }).SingleOrDefaultAsync();
        return (user?.SecurityStamp, user?.ConcurrencyStamp);
    });

    public const string DemoPassword = Forms.DemoPassword;

    public T Service<T>(Func<IServiceProvider, T> get)
    {
        using var scope = Services.CreateScope();
        return get(scope.ServiceProvider);
    }

    /// <summary>A DbContext acting as the system (visibility filter lifted), for assertions on stored state.</summary>
    /// <summary>Runs a scoped service of the app, as a worker would.</summary>
    public async Task<TResult> WithServiceAsync<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<TResult> WithSystemDbAsync<TResult>(Func<BorderlinkDb, Task<TResult>> work)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
        using var _ = db.Viewer.EnterSystemScope("test assertion");
        return await work(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_keepDatabase) await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
