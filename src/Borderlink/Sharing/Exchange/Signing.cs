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

    /// <summary>A compact JWS read once (header and payload), or null when it is not one; its signature is not checked yet.</summary>
    public static JsonWebToken? Read(string jws)
    {
        try
        {
            return new JsonWebToken(jws);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a signature is checked against, per public JWK text. The library caches its verifier per key object, so one
    /// object per key means the EC key is imported once, not for every message; the text is the key, so a changed key
    /// is a new entry. The parameters are only read while validating, so one instance serves every message.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TokenValidationParameters> Validation = new(StringComparer.Ordinal);

    private static TokenValidationParameters ValidationFor(string publicJwk) => Validation.GetOrAdd(publicJwk, jwk => new TokenValidationParameters
    {
        IssuerSigningKey = new JsonWebKey(jwk),
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = true,
        ValidTypes = [Envelope.JwsType],
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
    });

    /// <summary>Verifies the signature with one public JWK and returns the envelope, or null when the signature does not hold.</summary>
    public static async Task<Envelope?> VerifyAsync(string jws, string publicJwk) => Read(jws) is { } token ? await VerifyAsync(token, publicJwk) : null;

    /// <summary>The same for a JWS already read (see <see cref="Read"/>), so that a message is parsed once however many keys are tried.</summary>
    public static async Task<Envelope?> VerifyAsync(JsonWebToken token, string publicJwk)
    {
        var result = await Handler.ValidateTokenAsync(token, ValidationFor(publicJwk));
        if (!result.IsValid) return null;
        return JsonSerializer.Deserialize<Envelope>(Base64UrlEncoder.DecodeBytes(token.EncodedPayload), Envelope.Json);
    }
}
