using Borderlink.Data;
using Microsoft.AspNetCore.Hosting;
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
        Database = await TestDatabase.CreateAsync();
        await StartAsync();
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
        builder.UseSetting("Security:CredentialRequestsPerMinute", "100000");
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
    /// Signs in through the login form, as a browser would, and returns the client holding the cookie. With a
    /// language, the user then picks it with the header's language switch (which outranks their stored preference).
    /// </summary>
    public async Task<HttpClient> SignInAsync(string userName, string? language = null)
    {
        var client = Anonymous(language);
        var response = await Forms.PostLoginAsync(client, userName, DemoPassword);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode}");
        }
        if (language is not null)
        {
            // The login page is open to everyone, so it serves a token even where a rule redirects other pages.
            var switched = await Forms.PostAsync(client, "/login", "/preferences/language", null, [new("culture", language), new("returnUrl", "/")]);
            if (switched.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Language switch to {language} failed: {(int)switched.StatusCode}");
            }
        }
        return client;
    }

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
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
