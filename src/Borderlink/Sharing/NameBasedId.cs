using System.Security.Cryptography;
using System.Text;

namespace Borderlink.Sharing;

/// <summary>
/// An id derived from names (a name-based UUID, version 8, from SHA-256): the same names give the same id, on every
/// node. A value a client chooses (an Idempotency-Key, a note's client-generated id) is turned into an id together with
/// the client's party, so two parties choosing the same value get different ids and neither can learn of, reach or
/// shadow the other's record through it.
/// </summary>
public static class NameBasedId
{
    public static Guid Of(string kind, string party, Guid chosen)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}|{party}|{chosen:D}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
