using Borderlink.Data;

namespace Borderlink.Features.Audit;

/// <summary>
/// Chains the audit lines saves have committed: rung by every save that wrote lines (<see cref="AuditBell"/>), and once
/// a second regardless, for lines another instance or a transaction of its own committed, and for what a process
/// killed before its round left behind (chained at the next start). Saves therefore never wait for each other to
/// append to the chain; a line is unchained only for the moments between its commit and the next round, a few tenths of a second (README,
/// "The audit trail"). Instances sharing a PostgreSQL database take turns through the chain's head row.
/// </summary>
public sealed class AuditSequencer(IServiceScopeFactory scopes, SavePipeline pipeline, Web.NodeMetrics metrics, TimeProvider clock, ILogger<AuditSequencer> log)
    : BackgroundService
{
    /// <summary>Lines chained in one transaction, at most.</summary>
    public const int Round = 2000;

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a ring waits before its round, so the lines of a burst of saves are chained together: under load a round
    /// per save would take SQLite's one writer from the people writing (measured: write-contention, README).
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);

    /// <summary>Chains every line committed so far (in rounds of <see cref="Round"/>); returns how many it chained.</summary>
    public async Task<long> ChainCommittedAsync(CancellationToken ct = default)
    {
        long chained = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var (count, oldest) = await scope.ServiceProvider.GetRequiredService<BorderlinkDb>().ChainAuditAsync(Round, ct);
            if (oldest is { } written) metrics.AuditChained(count, clock.GetUtcNow() - written);
            chained += count;
            if (count < Round) return chained;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? failingSince = null, lastLogged = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ChainCommittedAsync(stoppingToken);
                if (failingSince is not null) log.LogInformation("Audit lines are being chained again.");
                failingSince = lastLogged = null;
                metrics.AuditChainFailing(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // The database is away or busy: the lines are safe where they are, committed. One line a minute at most.
                var now = DateTimeOffset.UtcNow;
                failingSince ??= now;
                metrics.AuditChainFailing(true);
                if (lastLogged is null || now - lastLogged >= Quiet)
                {
                    log.LogWarning("Audit lines cannot be chained since {Since:u}: {Reason}", failingSince, e.Message);
                    lastLogged = now;
                }
            }
            try
            {
                if (await pipeline.AuditBell.WaitAsync(Idle, stoppingToken)) await Task.Delay(Gather, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
