using System.Text.Json;
using System.Text.Json.Serialization;
using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Sharing.Exchange;

/// <summary>What a node tells a partner about itself: id, address, hosted parties and public keys.</summary>
public sealed record NodeCard(
    [property: JsonPropertyName("nodeId")] string NodeId,
    [property: JsonPropertyName("baseUrl")] string BaseUrl,
    [property: JsonPropertyName("parties")] IReadOnlyList<string> Parties,
    [property: JsonPropertyName("keys")] IReadOnlyList<NodeCardKey> Keys);

public sealed record NodeCardKey(
    [property: JsonPropertyName("jwk")] JsonElement Jwk,
    [property: JsonPropertyName("validFrom")] DateTimeOffset? ValidFrom,
    [property: JsonPropertyName("validTo")] DateTimeOffset? ValidTo);

/// <summary>Exports this node's card and imports a partner's (replacing what was known of it, keys included).</summary>
public sealed class NodeCards(BorderlinkDb db, NodeKeys keys, TrustCache trust, IOptions<NodeOptions> node, TimeProvider clock)
{
    /// <summary>How long a retired key stays valid on the card, so messages signed just before a rotation still verify.</summary>
    public static readonly TimeSpan RetiredKeyGrace = TimeSpan.FromDays(7);

    public async Task<NodeCard> ExportAsync(CancellationToken ct = default)
    {
        await keys.CurrentAsync(ct);
        var parties = node.Value.HostedParties.Count > 0
            ? node.Value.HostedParties
            : await db.Parties.AsNoTracking().Select(p => p.Code).OrderBy(c => c).ToListAsync(ct);
        var all = await db.NodeKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct);
        // Each signing key, then the key partners encrypt to, valid as long as it.
        return new NodeCard(node.Value.Id, node.Value.BaseUrl, parties,
            all.SelectMany(k => (k.EncryptionJwk is null ? new[] { k.PublicJwk } : [k.PublicJwk, k.EncryptionJwk])
                .Select(jwk => new NodeCardKey(JsonDocument.Parse(jwk).RootElement.Clone(), k.CreatedAt, k.RetiredAt?.Add(RetiredKeyGrace)))).ToList());
    }

    public async Task<Outcome<PartnerNode>> ImportAsync(NodeCard? card, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        if (card is null || string.IsNullOrWhiteSpace(card.NodeId)) errors.Add(new("nodeId", "Error.Required"));
        else if (card.NodeId == node.Value.Id) errors.Add(new("nodeId", "Error.OwnNode"));
        if (card is null || !Uri.TryCreate(card.BaseUrl, UriKind.Absolute, out _)) errors.Add(new("baseUrl", "Error.Required"));
        if (card?.Keys is not { Count: > 0 }) errors.Add(new("keys", "Error.Required"));
        else if (card.Keys.Any(k => k is null || !IsEcP256(k.Jwk))) errors.Add(new("keys", "Error.BadKey"));
        var known = await db.Parties.AsNoTracking().Select(p => p.Code).ToListAsync(ct);
        if (card?.Parties is not { Count: > 0 }) errors.Add(new("parties", "Error.Required"));
        else errors.AddRange(card.Parties.Where(p => !known.Contains(p)).Select(p => new FieldError("parties", "Error.UnknownParty", p)));
        if (card?.Parties is { } ps) errors.AddRange(ps.Where(node.Value.Hosts).Where(_ => node.Value.HostedParties.Count > 0).Select(p => new FieldError("parties", "Error.PartyHostedHere", p)));
        if (card?.Parties is { Count: > 0 } claimed && !string.IsNullOrWhiteSpace(card.NodeId))
        {
            // A party is hosted by one partner node: another card claiming it waits until the old card is retired,
            // or records shared with that party would go to both.
            var others = await db.PartnerNodes.AsNoTracking().Active().Where(p => p.NodeId != card.NodeId).ToListAsync(ct);
            errors.AddRange(claimed.Distinct().SelectMany(party => others.Where(o => o.PartyList.Contains(party))
                .Select(o => new FieldError("parties", "Error.PartyHostedByPartner", party, o.NodeId))));
        }
        if (errors.Count > 0) return new Outcome<PartnerNode>.Invalid(errors);

        var existing = await db.PartnerNodes.Include(p => p.Keys).FirstOrDefaultAsync(p => p.NodeId == card!.NodeId, ct);
        if (existing is not null) db.PartnerNodes.Remove(existing);
        await db.SaveChangesAsync(ct);
        var partner = new PartnerNode
        {
            NodeId = card!.NodeId, BaseUrl = card.BaseUrl.TrimEnd('/'), Parties = Codes.Join(card.Parties),
            ImportedAt = clock.GetUtcNow(), ImportedBy = db.Viewer.Name, LastContactAt = existing?.LastContactAt,
            Keys = card.Keys.Select(k => new PartnerKey
            {
                NodeId = card.NodeId, Kid = k.Jwk.GetProperty("kid").GetString()!, Jwk = k.Jwk.GetRawText(), ValidFrom = k.ValidFrom, ValidTo = k.ValidTo,
            }).ToList(),
        };
        db.PartnerNodes.Add(partner);
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.PartnerCardImported(partner.NodeId, partner.Parties, partner.Keys.Select(k => k.Kid)));
        await db.SaveChangesAsync(ct);
        trust.Invalidate();
        return new Outcome<PartnerNode>.Done(partner, existing is null);
    }

    /// <summary>Retires a partner's card: nothing more is sent to it or accepted from it, and its parties are free for another card.</summary>
    public async Task<Outcome<PartnerNode>> RetireAsync(string nodeId, CancellationToken ct = default)
    {
        var partner = await db.PartnerNodes.FirstOrDefaultAsync(p => p.NodeId == nodeId, ct);
        if (partner is null) return new Outcome<PartnerNode>.NotFound();
        if (partner.RetiredAt is null)
        {
            partner.RetiredAt = clock.GetUtcNow();
            partner.RetiredBy = db.Viewer.Name;
            db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.PartnerCardRetired(partner.NodeId, partner.Parties));
            await db.SaveChangesAsync(ct);
            trust.Invalidate();
        }
        return new Outcome<PartnerNode>.Done(partner);
    }

    private static bool IsEcP256(JsonElement jwk) =>
        jwk.ValueKind == JsonValueKind.Object
        && jwk.TryGetProperty("kty", out var kty) && kty.GetString() == "EC"
        && jwk.TryGetProperty("crv", out var crv) && crv.GetString() == "P-256"
        && jwk.TryGetProperty("x", out _) && jwk.TryGetProperty("y", out _)
        && jwk.TryGetProperty("kid", out var kid) && !string.IsNullOrEmpty(kid.GetString())
        // A signing key ("sig", or no "use" on a card from an earlier release) or a key to encrypt to ("enc").
        && (!jwk.TryGetProperty("use", out var use) || use.GetString() is "sig" or "enc");
}
