using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Borderlink.Features.Audit;

/// <summary>How an entry's hash is computed: SHA-256 over the previous hash and every field, in a fixed order.</summary>
public static class AuditChain
{
    public static string ComputeHash(AuditEntry e)
    {
        var canonical = string.Join('\u001f',
            e.PrevHash,
            (e.Seq ?? throw new InvalidOperationException("An unchained line has no hash.")).ToString(CultureInfo.InvariantCulture),
            e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            e.Actor, e.UserId ?? "", e.Party ?? "", e.AgencyId?.ToString() ?? "",
            e.Action, e.RecordType ?? "", e.RecordId?.ToString() ?? "", e.Outcome, e.Detail ?? "");
        // The client's address joined the line later: a line without one hashes as lines always did.
        if (e.Client is not null) canonical += '\u001f' + e.Client;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Links entries after <paramref name="head"/> and moves the head to the last one.</summary>
    public static void Link(AuditHead head, IEnumerable<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            head.LastSeq++;
            entry.Seq = head.LastSeq;
            entry.PrevHash = head.LastHash;
            entry.Hash = ComputeHash(entry);
            head.LastHash = entry.Hash;
        }
    }
}
