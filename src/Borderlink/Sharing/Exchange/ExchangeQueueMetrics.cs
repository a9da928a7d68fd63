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
        var queues = new List<NodeMetrics.PartnerQueue>();
        foreach (var partner in await db.PartnerNodes.AsNoTracking().Active().Select(p => new { p.NodeId, p.UnreachableSince }).ToListAsync(ct))
        {
            var waiting = db.OutboxMessages.AsNoTracking().Where(m => m.ToNode == partner.NodeId && m.Status == OutboxStatus.Pending);
            var count = await waiting.LongCountAsync(ct);
            var oldest = count == 0 ? null : await waiting.OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
            queues.Add(new(partner.NodeId, count, oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0, partner.UnreachableSince is not null));
        }
        metrics.SetQueues(queues);
    }
}
