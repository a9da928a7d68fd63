using Borderlink.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Features.Alerts;

/// <summary>A pass over some deadline (acknowledgements, agreed measures) that alerts whom it concerns, at most once per deadline.</summary>
public interface IDeadlineWatch
{
    /// <summary>What a pass that did something did, for the log ("overdue acknowledgements escalated").</summary>
    string Name { get; }

    /// <summary>One pass; answers how many deadlines it acted on.</summary>
    Task<int> RunAsync(CancellationToken ct = default);
}

/// <summary>Runs every <see cref="IDeadlineWatch"/> every few seconds (Notifications:WatchSeconds).</summary>
public sealed class DeadlineWatch(IServiceScopeFactory scopes, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<DeadlineWatch> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WatchEnabled) return;
        var interval = TimeSpan.FromSeconds(options.Value.WatchSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                foreach (var watch in scope.ServiceProvider.GetServices<IDeadlineWatch>())
                {
                    var acted = await watch.RunAsync(stoppingToken);
                    if (acted > 0) logger.LogWarning("{Watch}: {Count}", watch.Name, acted);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogError(e, "Deadline watch pass failed; trying again next round");
            }
        }
    }
}

public static class DeadlineWatchSetup
{
    /// <summary>Registers <typeparamref name="T"/> as a watch the <see cref="DeadlineWatch"/> runs on each pass (one scope per pass).</summary>
    public static IServiceCollection AddDeadlineWatch<T>(this IServiceCollection services) where T : class, IDeadlineWatch =>
        services.AddScoped<T>().AddScoped<IDeadlineWatch>(sp => sp.GetRequiredService<T>());
}
