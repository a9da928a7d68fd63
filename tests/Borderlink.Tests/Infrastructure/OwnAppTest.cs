namespace Borderlink.Tests.Infrastructure;

/// <summary>
/// For tests that change what other tests rely on (the clock, reference data, settings): each test class instance
/// gets an app and database of its own.
/// </summary>
public abstract class OwnAppTest(BorderlinkApp app) : IAsyncLifetime
{
    protected OwnAppTest() : this(new BorderlinkApp())
    {
    }

    protected BorderlinkApp App { get; } = app;

    public ValueTask InitializeAsync() => App.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await DisposeMoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>For what a test class starts beside its app (an SMTP sink, a second node).</summary>
    protected virtual ValueTask DisposeMoreAsync() => ValueTask.CompletedTask;
}
