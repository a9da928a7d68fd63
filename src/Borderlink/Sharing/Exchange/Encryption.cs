using System.Security.Cryptography;
using System.Text.Json;
using Jose;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// The JWE a signed message travels in when the sender's Exchange:Encrypt is on (PROTOCOL.md "Confidentiality"):
/// compact serialization, ECDH-ES+A256KW to the receiver's encryption key (its kid in the header, an ephemeral key of
/// the sender's in "epk"), A256GCM, and the JWS inside unchanged, so the signature is still checked after decryption.
/// jose-jwt does the cryptography; Microsoft.IdentityModel, which signs, cannot encrypt with A256GCM.
/// </summary>
public static class Encryption
{
    public const string KeyAlgorithm = "ECDH-ES+A256KW";
    public const string ContentAlgorithm = "A256GCM";

    /// <summary>What "cty" says of the content: the signed message.</summary>
    public const string ContentType = "borderlink+jws";

    /// <summary>A compact JWE has five parts, a compact JWS three.</summary>
    public static bool IsJwe(string message)
    {
        var dots = 0;
        foreach (var c in message) if (c == '.') dots++;
        return dots == 4;
    }

    /// <summary>Whether a JWK from a card is an encryption key ("use": "enc").</summary>
    public static bool IsEncryptionJwk(string jwk)
    {
        using var document = JsonDocument.Parse(jwk);
        return document.RootElement.TryGetProperty("use", out var use) && use.ValueKind == JsonValueKind.String && use.GetString() == "enc";
    }

    /// <summary>The signed message <paramref name="jws"/>, encrypted to the receiver's public encryption JWK.</summary>
    public static string Wrap(string jws, PartnerKey receiver)
    {
        using var document = JsonDocument.Parse(receiver.Jwk);
        var jwk = document.RootElement;
        using var key = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.Decode(jwk.GetProperty("x").GetString()), Y = Base64Url.Decode(jwk.GetProperty("y").GetString()) },
        });
        return JWT.Encode(jws, key, JweAlgorithm.ECDH_ES_A256KW, JweEncryption.A256GCM,
            extraHeaders: new Dictionary<string, object> { ["kid"] = receiver.Kid, ["cty"] = ContentType });
    }

    /// <summary>The kid of the receiver's key a JWE was encrypted to, or null when the header is not one of ours.</summary>
    public static string? KidOf(string jwe)
    {
        try
        {
            var header = JWT.Headers(jwe);
            if (header.ContainsKey("zip")) return null; // never sent compressed: refused before anything is inflated
            return header.TryGetValue("alg", out var alg) && KeyAlgorithm.Equals(alg) && header.TryGetValue("enc", out var enc) && ContentAlgorithm.Equals(enc)
                && header.TryGetValue("kid", out var kid) && kid is string text && text.Length > 0 ? text : null;
        }
        catch (Exception e) when (e is JoseException or ArgumentException or FormatException or JsonException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The signed message inside, or null when the JWE does not decrypt with this key (altered, or for another key).</summary>
    public static string? Unwrap(string jwe, ECDiffieHellman key)
    {
        try
        {
            return JWT.Decode(jwe, key, JweAlgorithm.ECDH_ES_A256KW, JweEncryption.A256GCM);
        }
        catch (Exception e) when (e is JoseException or CryptographicException or ArgumentException or FormatException or JsonException)
        {
            return null;
        }
    }
}
