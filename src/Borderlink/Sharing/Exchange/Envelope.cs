using System.Text.Json;
using System.Text.Json.Serialization;

namespace Borderlink.Sharing.Exchange;

/// <summary>The payload of every exchange message (PROTOCOL.md "The envelope"). Unknown fields are ignored on reading.</summary>
public sealed record Envelope(
    [property: JsonPropertyName("v")] int V,
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("sentAt")] DateTimeOffset SentAt,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("record")] EnvelopeRecord? Record = null,
    [property: JsonPropertyName("receipt")] EnvelopeReceipt? Receipt = null)
{
    public const int Version = 1;
    public const string KindRecord = "record";
    public const string KindRetract = "retract";
    public const string KindReceipt = "receipt";
    public const string JwsType = "borderlink+jws";
    public const string MediaType = "application/jose";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record EnvelopeRecord(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("audience")] IReadOnlyList<string>? Audience = null,
    [property: JsonPropertyName("restrictedTo")] IReadOnlyList<string>? RestrictedTo = null,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset? UpdatedAt = null,
    [property: JsonPropertyName("body")] JsonElement? Body = null);

public sealed record EnvelopeReceipt(
    [property: JsonPropertyName("messageId")] Guid MessageId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("receivedAt")] DateTimeOffset ReceivedAt);

public static class ReceiptStatus
{
    public const string Applied = "applied";
    public const string Duplicate = "duplicate";
    public const string Stale = "stale";
    /// <summary>A record type this release does not know: kept for a later release, not shown.</summary>
    public const string Stored = "stored";
    /// <summary>Not a receipt status: a stored message whose type a later release knows but whose record it cannot read.</summary>
    public const string Unreadable = "unreadable";
}
