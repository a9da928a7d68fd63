using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Reference;

/// <summary>
/// Parties, agency functions and agencies held in memory: every page's header and every sharing form needs their
/// names, and they change only when an administrator edits them (who then calls <see cref="Invalidate"/>).
/// Reading them from here also keeps layout components off the request's DbContext, which Blazor may render
/// concurrently with the page.
/// </summary>
public sealed class ReferenceCache(IServiceScopeFactory scopes) : IDisposable
{
    public sealed record Snapshot(IReadOnlyList<Party> Parties, IReadOnlyList<AgencyFunction> Functions, IReadOnlyList<Agency> Agencies, IReadOnlyList<GatePair> GatePairs)
    {
        public Party? Party(string? code) => Parties.FirstOrDefault(p => p.Code == code);
        public Agency? Agency(Guid? id) => Agencies.FirstOrDefault(a => a.Id == id);
        public string PartyName(string code) => Party(code)?.Name() ?? code;
        /// <summary>A gate pair as the reader's language names it ("Hữu Nghị – 友谊关", "友谊关 – Hữu Nghị"), never its code.</summary>
        public string GateName(string code) => GatePairs.FirstOrDefault(g => g.Code == code)?.Name() ?? code;
    }

    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _load = new(1, 1);

    public void Invalidate() => _snapshot = null;

    public async Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        if (_snapshot is { } ready) return ready;
        await _load.WaitAsync(ct);
        try
        {
            if (_snapshot is { } loaded) return loaded;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
            var snapshot = new Snapshot(
                await db.Parties.AsNoTracking().OrderBy(p => p.Country).ThenBy(p => p.Code).ToListAsync(ct),
                await db.AgencyFunctions.AsNoTracking().OrderBy(f => f.Code).ToListAsync(ct),
                await db.Agencies.AsNoTracking().ToListAsync(ct),
                await db.GatePairs.AsNoTracking().ToListAsync(ct));
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _load.Release();
        }
    }

    public void Dispose() => _load.Dispose();
}
