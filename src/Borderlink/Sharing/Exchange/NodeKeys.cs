using System.Security.Cryptography;
using System.Text.Json;
using Borderlink.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// This node's ECDSA P-256 signing keys: created on first use, private halves encrypted with the data-protection
/// system (whose keys live in the database too), rotated by adding a new key before the old one retires.
/// </summary>
public sealed class NodeKeys(BorderlinkDb db, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Borderlink.NodeSigningKey");

    /// <summary>The key that signs now: the newest one not retired; one is created if there is none.</summary>
    public async Task<(NodeKey Key, SecurityKey Signing)> CurrentAsync(CancellationToken ct = default)
    {
        var key = await db.NodeKeys.AsNoTracking().Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(ct)
            ?? await CreateAsync(ct);
        return (key, PrivateKey(key));
    }

    public async Task<NodeKey> CreateAsync(CancellationToken ct = default)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(false);
        var kid = Base64UrlEncoder.Encode(SHA256.HashData([.. parameters.Q.X!, .. parameters.Q.Y!]))[..16];
        var key = new NodeKey
        {
            Kid = kid,
            PublicJwk = JsonSerializer.Serialize(new Jwk("EC", "P-256", Base64UrlEncoder.Encode(parameters.Q.X), Base64UrlEncoder.Encode(parameters.Q.Y), kid, "sig", "ES256")),
            ProtectedPrivateKey = _protector.Protect(Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey())),
            CreatedAt = clock.GetUtcNow(),
        };
        db.NodeKeys.Add(key);
        db.Audit(Features.Audit.AuditActions.Admin, Features.Audit.AuditOutcomes.Ok, detail: $"node signing key created: {kid}");
        await db.SaveChangesAsync(ct);
        return key;
    }

    /// <summary>Adds a new signing key and retires the others; partners accept the old ones until their validity ends.</summary>
    public async Task<NodeKey> RotateAsync(CancellationToken ct = default)
    {
        var fresh = await CreateAsync(ct);
        var now = clock.GetUtcNow();
        await db.NodeKeys.Where(k => k.Kid != fresh.Kid && k.RetiredAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), ct);
        db.Audit(Features.Audit.AuditActions.Admin, Features.Audit.AuditOutcomes.Ok, detail: $"node signing key rotated: now {fresh.Kid}");
        await db.SaveChangesAsync(ct);
        return fresh;
    }

    private ECDsaSecurityKey PrivateKey(NodeKey key)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(key.ProtectedPrivateKey)), out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = key.Kid };
    }

    /// <summary>The wire shape of a public JWK.</summary>
    public sealed record Jwk(string kty, string crv, string x, string y, string kid, string use, string alg);
}
