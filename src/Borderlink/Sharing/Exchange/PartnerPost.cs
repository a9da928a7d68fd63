using System.Net;
using System.Net.Http.Headers;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// One message posted to a partner's inbox (PROTOCOL.md "Delivery"): signed, encrypted to the partner's key when the
/// node encrypts, and its answer read as delivered (with the partner's signed receipt), to retry, or refused for good.
/// </summary>
internal static class PartnerPost
{
    public enum SendKind { Delivered, Retry, Final }

    /// <param name="Unreachable">The partner did not answer, or its server failed (no connection, a time-out, 5xx, 408, 429): the link, not the message.</param>
    public sealed record SendOutcome(SendKind Kind, string? Error = null, string? ReceiptStatus = null, bool Unreachable = false);

    /// <param name="encryptTo">With Exchange:Encrypt on, each partner's key to encrypt to (null for a card without one); null when it is off.</param>
    public static async Task<SendOutcome> SendAsync(HttpClient client, OutboxMessage message, PartnerNode? partner, Microsoft.IdentityModel.Tokens.SecurityKey signing,
        IReadOnlyDictionary<string, PartnerKey?>? encryptTo, CancellationToken ct)
    {
        if (partner is null) return new(SendKind.Retry, $"partner {message.ToNode} is not configured");
        var key = encryptTo?.GetValueOrDefault(partner.NodeId);
        // A card without an encryption key (an earlier release) is retried until an administrator imports a newer card, not sent in clear.
        if (encryptTo is not null && key is null)
            return new(SendKind.Retry, $"Exchange:Encrypt is on but the card of {partner.NodeId} has no valid encryption key: import its current card");
        try
        {
            var jws = Signing.Sign(message.Payload, signing);
            using var content = new StringContent(key is null ? jws : Encryption.Wrap(jws, key));
            content.Headers.ContentType = new MediaTypeHeaderValue(Envelope.MediaType);
            using var response = await client.PostAsync(new Uri(partner.BaseUrl + "/exchange/v1/inbox"), content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var receipt = await VerifyReceiptAsync(body, partner, message);
                return receipt is null ? new(SendKind.Retry, "receipt missing or not signed by the partner") : new(SendKind.Delivered, null, receipt);
            }
            var error = $"{(int)response.StatusCode} {Truncate(body)}";
            var status = (int)response.StatusCode;
            return status is 400 or 401 or 403 or 413 ? new(SendKind.Final, error) : new(SendKind.Retry, error, Unreachable: status is >= 500 or 408 or 429);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new(SendKind.Retry, e.Message, Unreachable: true);
        }
    }

    private static async Task<string?> VerifyReceiptAsync(string jws, PartnerNode partner, OutboxMessage message)
    {
        if (Signing.Read(jws) is not { } token) return null;
        var key = partner.Keys.FirstOrDefault(k => k.Kid == token.Kid && !k.ForEncryption);
        if (key is null) return null;
        var receipt = await Signing.VerifyAsync(token, key.Jwk);
        return receipt is { Kind: Envelope.KindReceipt, Receipt: { } r } && r.MessageId == message.Id && receipt.From == partner.NodeId ? r.Status : null;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
