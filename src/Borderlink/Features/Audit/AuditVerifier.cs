using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Audit;

/// <param name="Unchained">Lines committed but not chained yet (written in the moments before the check).</param>
public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenSeq, string? Reason, long Unchained = 0);

/// <summary>
/// Recomputes the whole chain from the first entry and names the first entry that does not fit; counts the lines
/// still to be chained (the sequencer chains them within seconds; they are not evidence of anything yet).
/// </summary>
public sealed class AuditVerifier(BorderlinkDb db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        // The head first: lines go on being chained while this runs, and the chain is checked up to where the head was,
        // which the lines before it fit whatever is chained after.
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var previousHash = "";
        long expectedSeq = 1, checkedCount = 0;
        const int batch = 5000;
        while (expectedSeq <= head.LastSeq)
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Seq >= expectedSeq && e.Seq <= head.LastSeq).OrderBy(e => e.Seq).Take(batch)
                .ToListAsync(ct);
            foreach (var entry in entries)
            {
                if (entry.Seq != expectedSeq)
                    return new(false, checkedCount, expectedSeq, $"entry {expectedSeq} is missing (next is {entry.Seq})");
                if (entry.PrevHash != previousHash)
                    return new(false, checkedCount, entry.Seq, "its previous-hash does not match the entry before it");
                if (AuditChain.ComputeHash(entry) != entry.Hash)
                    return new(false, checkedCount, entry.Seq, "its content does not match its hash");
                previousHash = entry.Hash;
                expectedSeq++;
                checkedCount++;
            }
            if (entries.Count < batch) break;
        }
        if (head.LastSeq != checkedCount || head.LastHash != previousHash)
            return new(false, checkedCount, checkedCount + 1, $"the chain ends at {checkedCount} but the head records {head.LastSeq}");
        return new(true, checkedCount, null, null, await db.AuditEntries.LongCountAsync(e => e.Seq == null, ct));
    }
}
