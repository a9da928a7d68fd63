using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Borderlink.Sharing.Exchange;

/// <summary>JWS (compact, ES256, typ borderlink+jws) over an envelope, with Microsoft.IdentityModel doing the cryptography.</summary>
public static class Signing
{
    // The library refuses tokens over 250 KB by default; the inbox has already bounded the message by
    // Exchange:MaxMessageBytes (at most 64 MiB), which is the limit that counts.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false, MaximumTokenSizeInBytes = 64 * 1024 * 1024 };

    public static string Sign(string payloadJson, SecurityKey key) =>
        Handler.CreateToken(payloadJson, new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
            new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = Envelope.JwsType });

    /// <summary>The kid of a compact JWS, or null when it is not one.</summary>
    public static string? KidOf(string jws)
    {
        try
        {
            return new JsonWebToken(jws).Kid;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Parsed public keys by their JWK text. The library caches its verifier per key object, so one object per key
    /// means the EC key is imported once, not for every message; the text is the key, so a changed key is a new entry.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonWebKey> PublicKeys = new(StringComparer.Ordinal);

    /// <summary>Verifies the signature with one public JWK and returns the envelope, or null when the signature does not hold.</summary>
    public static async Task<Envelope?> VerifyAsync(string jws, string publicJwk)
    {
        var result = await Handler.ValidateTokenAsync(jws, new TokenValidationParameters
        {
            IssuerSigningKey = PublicKeys.GetOrAdd(publicJwk, jwk => new JsonWebKey(jwk)),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidTypes = [Envelope.JwsType],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });
        if (!result.IsValid) return null;
        var token = (JsonWebToken)result.SecurityToken;
        return JsonSerializer.Deserialize<Envelope>(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.EncodedPayload)), Envelope.Json);
    }
}
