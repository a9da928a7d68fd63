using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>
/// Keeps <see cref="SituationFact"/> in step with every situation report the node holds, inside the save that changes
/// the report (a local write, an import, or a partner's replica arriving or being retracted). The facts are written in
/// bulk in that save's transaction, not tracked one by one: an import of a hundred thousand rows is one statement
/// stream, not a hundred thousand tracked entities.
/// </summary>
public static class SituationProjection
{
    public sealed record Pending(IReadOnlyList<Guid> Replaced, IReadOnlyList<SituationFact> Facts);

    public static async Task<Pending?> PrepareAsync(BorderlinkDb db, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries<SituationReport>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Count == 0) return null;

        var replaced = changed.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id).ToList();
        var countries = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Country, ct);
        var facts = new List<SituationFact>();
        foreach (var report in changed.Where(e => e.State != EntityState.Deleted).Select(e => e.Entity))
        {
            var country = countries.GetValueOrDefault(report.OwnerParty, "");
            facts.AddRange(report.Rows.Select(r => new SituationFact
            {
                ReportId = report.Id, OwnerParty = report.OwnerParty, Country = country, PeriodKind = report.PeriodKind,
                PeriodStart = report.PeriodStart, Disease = r.Disease, Place = r.Place, IsPartyTotal = r.Place == report.OwnerParty,
                NewCases = r.NewCases, Deaths = r.Deaths, Tests = r.Tests, ImportedCases = r.ImportedCases, InQuarantine = r.InQuarantine,
            }));
        }
        return new Pending(replaced, facts);
    }

    /// <summary>Runs inside the save's transaction, after the reports are written.</summary>
    public static async Task WriteAsync(BorderlinkDb db, Pending pending, CancellationToken ct)
    {
        if (pending.Replaced.Count > 0)
        {
            await db.SituationFacts.Where(f => pending.Replaced.Contains(f.ReportId)).ExecuteDeleteAsync(ct);
        }
        await db.BulkInsertFactsAsync(pending.Facts, ct);
    }
}
