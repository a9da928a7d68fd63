using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// Reads what waits for each partner every <see cref="MetricsOptions.QueueSeconds"/> for the metrics (run only when
/// metrics are exported): from the database, so that every instance of a node reports the same queue.
/// </summary>
public sealed class ExchangeQueueMetrics(IServiceScopeFactory scopes, NodeMetrics metrics, IOptions<MetricsOptions> options, TimeProvider clock,
    ILogger<ExchangeQueueMetrics> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
                failing = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Once per failing stretch, not every few seconds.
                if (!failing) logger.LogWarning("The exchange queue's figures could not be read for the metrics: {Error}", e.Message);
                failing = true;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.QueueSeconds), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
        var now = clock.GetUtcNow();
        var partners = await db.PartnerNodes.AsNoTracking().Active().Select(p => new { p.NodeId, p.UnreachableSince }).ToListAsync(ct);
        var waiting = await db.OutboxMessages.WaitingByPartnerAsync(ct);
        metrics.SetQueues(partners.Select(p => waiting.GetValueOrDefault(p.NodeId) is { } w
                ? new NodeMetrics.PartnerQueue(p.NodeId, w.Count, Math.Max(0, (now - w.Oldest).TotalSeconds), p.UnreachableSince is not null)
                : new NodeMetrics.PartnerQueue(p.NodeId, 0, 0, p.UnreachableSince is not null))
            .ToList());
    }
}
