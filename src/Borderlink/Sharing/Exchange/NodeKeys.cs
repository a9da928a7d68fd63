using System.Security.Cryptography;
using System.Text.Json;
using Borderlink.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// This node's ECDSA P-256 signing keys, each with an ECDH P-256 key that partners encrypt to: created on first start,
/// private halves encrypted with the data-protection system (whose keys live in the database too). Rotation has two
/// steps, so no message is ever signed with a key a partner does not know yet: add a key (it appears on the card;
/// partners import the card), then activate it (it signs from then on; the old key retires and stays on the card for a
/// grace period). The encryption key travels with its signing key through both steps.
/// </summary>
public sealed class NodeKeys(BorderlinkDb db, IDataProtectionProvider protection, TrustCache trust, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Borderlink.NodeSigningKey");
    private readonly IDataProtector _encryptionProtector = protection.CreateProtector("Borderlink.NodeEncryptionKey");

    /// <summary>The key that signs now: the most recently activated one not retired; the first key is created and activated if there is none.</summary>
    public async Task<(NodeKey Key, SecurityKey Signing)> CurrentAsync(CancellationToken ct = default)
    {
        if (trust.CurrentSigningKey() is { } cached) return (cached, PrivateKey(cached));
        // Remembered only when read here, so the cache's age counts from the database read and a rotation made by
        // another instance is seen within that age.
        var key = await db.NodeKeys.Where(k => k.ActivatedAt != null && k.RetiredAt == null).OrderByDescending(k => k.ActivatedAt).FirstOrDefaultAsync(ct)
            ?? await CreateAsync(activate: true, ct);
        if (key.EncryptionKid is null)
        {
            // A key made before nodes had encryption keys gets one, published on the card from now on.
            AddEncryptionKey(key);
            await db.SaveChangesAsync(ct);
        }
        db.Entry(key).State = EntityState.Detached;
        trust.RememberSigningKey(key);
        return (key, PrivateKey(key));
    }

    /// <summary>Step one of a rotation: a new key, published on the card, not signing yet.</summary>
    public Task<NodeKey> AddAsync(CancellationToken ct = default) => CreateAsync(activate: false, ct);

    /// <summary>Step two: the added key signs from now on and the others retire.</summary>
    public async Task<NodeKey?> ActivateAsync(string kid, CancellationToken ct = default)
    {
        var key = await db.NodeKeys.FirstOrDefaultAsync(k => k.Kid == kid && k.RetiredAt == null, ct);
        if (key is null) return null;
        var now = clock.GetUtcNow();
        key.ActivatedAt ??= now;
        await db.NodeKeys.Where(k => k.Kid != kid && k.RetiredAt == null && k.ActivatedAt != null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), ct);
        db.Audit(Features.Audit.AuditActions.Admin, Features.Audit.AuditOutcomes.Ok, detail: Features.Audit.AuditDetail.KeyActivated(kid));
        await db.SaveChangesAsync(ct);
        trust.Invalidate();
        return key;
    }

    private async Task<NodeKey> CreateAsync(bool activate, CancellationToken ct)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(false);
        var kid = KidOf(parameters.Q);
        var key = new NodeKey
        {
            Kid = kid,
            PublicJwk = JsonSerializer.Serialize(new Jwk("EC", "P-256", Base64UrlEncoder.Encode(parameters.Q.X), Base64UrlEncoder.Encode(parameters.Q.Y), kid, "sig", "ES256")),
            ProtectedPrivateKey = _protector.Protect(Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey())),
            CreatedAt = clock.GetUtcNow(),
            ActivatedAt = activate ? clock.GetUtcNow() : null,
        };
        db.NodeKeys.Add(key);
        db.Audit(Features.Audit.AuditActions.Admin, Features.Audit.AuditOutcomes.Ok, detail: Features.Audit.AuditDetail.SigningKeyCreated(kid));
        AddEncryptionKey(key);
        await db.SaveChangesAsync(ct);
        trust.Invalidate();
        return key;
    }

    /// <summary>Gives a tracked key its encryption key (to be saved by the caller).</summary>
    private void AddEncryptionKey(NodeKey key)
    {
        using var ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdh.ExportParameters(false);
        var kid = KidOf(parameters.Q);
        key.EncryptionKid = kid;
        key.EncryptionJwk = JsonSerializer.Serialize(new Jwk("EC", "P-256", Base64UrlEncoder.Encode(parameters.Q.X), Base64UrlEncoder.Encode(parameters.Q.Y), kid, "enc",
            Encryption.KeyAlgorithm));
        key.ProtectedEncryptionKey = _encryptionProtector.Protect(Convert.ToBase64String(ecdh.ExportPkcs8PrivateKey()));
        db.Audit(Features.Audit.AuditActions.Admin, Features.Audit.AuditOutcomes.Ok, detail: Features.Audit.AuditDetail.EncryptionKeyCreated(kid, key.Kid));
    }

    /// <summary>
    /// The private key of this node's encryption key <paramref name="kid"/>, retired or not (a partner may have encrypted
    /// to it before importing the newer card), or null when no key of this node has that kid. A new object each call,
    /// for the caller to dispose: inbox requests decrypt in parallel, and one key object is not shared between them.
    /// </summary>
    public async Task<ECDiffieHellman?> DecryptionKeyAsync(string kid, CancellationToken ct = default)
    {
        if (!UnprotectedEncryption.TryGetValue(kid, out var parameters))
        {
            var key = await db.NodeKeys.AsNoTracking().FirstOrDefaultAsync(k => k.EncryptionKid == kid, ct);
            if (key?.ProtectedEncryptionKey is null) return null;
            using var imported = ECDiffieHellman.Create();
            imported.ImportPkcs8PrivateKey(Convert.FromBase64String(_encryptionProtector.Unprotect(key.ProtectedEncryptionKey)), out _);
            parameters = UnprotectedEncryption.GetOrAdd(kid, imported.ExportParameters(includePrivateParameters: true));
        }
        return ECDiffieHellman.Create(parameters);
    }

    /// <summary>Decrypted encryption keys by kid, unprotected once per process (as the signing keys below).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ECParameters> UnprotectedEncryption = new();

    /// <summary>A key's id: the start of the hash of its public point.</summary>
    private static string KidOf(ECPoint q) => Base64UrlEncoder.Encode(SHA256.HashData([.. q.X!, .. q.Y!]))[..16];

    /// <summary>Decrypted keys by kid: a kid names one key forever, so a key is unprotected once per process, not per message.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ECDsaSecurityKey> Unprotected = new();

    private ECDsaSecurityKey PrivateKey(NodeKey key) => Unprotected.GetOrAdd(key.Kid, kid =>
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(key.ProtectedPrivateKey)), out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = kid };
    });

    /// <summary>The wire shape of a public JWK.</summary>
    public sealed record Jwk(string kty, string crv, string x, string y, string kid, string use, string alg);
}
