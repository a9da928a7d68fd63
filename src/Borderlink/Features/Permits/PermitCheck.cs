using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Permits;

/// <summary>
/// The check a crossing recorded against a permit passes, at recording time: the permit exists for the recording party,
/// is for this gate, was approved by both sides in its current version, and the crossing falls within its validity
/// (in the recording party's calendar). Permits are read once per batch.
/// </summary>
public sealed class PermitCheck(BorderlinkDb db)
{
    private readonly Dictionary<Guid, (SpecialItemPermit? Permit, PermitState? State)> _seen = [];

    public async Task<FieldError?> CheckAsync(Guid permitId, string gate, DateOnly day, CancellationToken ct)
    {
        if (!_seen.TryGetValue(permitId, out var entry))
        {
            var permit = await db.SpecialItemPermits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, ct);
            entry = (permit, permit is null ? null : await PermitStates.StateAsync(db, permit, ct));
            _seen[permitId] = entry;
        }
        var (p, state) = entry;
        if (p is null) return new FieldError("permitId", "Permits.Unknown", permitId);
        if (p.GatePair != gate) return new FieldError("permitId", "Permits.OtherGate", p.GatePair);
        if (state!.RejectedBy is { } rejectedBy) return new FieldError("permitId", "Permits.RejectedBy", await NamesAsync([rejectedBy], ct));
        if (state.AwaitingParties.Count > 0) return new FieldError("permitId", "Permits.NotApproved", await NamesAsync(state.AwaitingParties, ct));
        if (day > p.ValidTo) return new FieldError("permitId", "Permits.Expired", p.ValidTo.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (day < p.ValidFrom) return new FieldError("permitId", "Permits.NotYetValid", p.ValidFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>Parties as the reader's language names them.</summary>
    private async Task<string> NamesAsync(IReadOnlyList<string> codes, CancellationToken ct) =>
        string.Join(", ", (await db.Parties.AsNoTracking().Where(p => codes.Contains(p.Code)).ToListAsync(ct)).Select(p => Reference.NamedExtensions.Name(p)));
}
