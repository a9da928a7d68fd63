using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Rules;

/// <summary>The proposer's liaison withdraws a rule, proposed or in force: from then on the law applies again.</summary>
public static class WithdrawRule
{
    public static async Task<Outcome<SharedRule>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, long expectedVersion, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<SharedRule>(db, id, RecordOperation.Share, expectedVersion, ct);
        if (loaded is not Outcome<SharedRule>.Done { Value: var rule }) return loaded;
        if (rule.WithdrawnAt is not null) return new Outcome<SharedRule>.Conflict("rule-withdrawn", "Rules.CannotAnswer");
        rule.WithdrawnAt = clock.GetUtcNow();
        return await RecordLoader.SaveVersionedAsync(db, rule, expectedVersion, ct);
    }
}
