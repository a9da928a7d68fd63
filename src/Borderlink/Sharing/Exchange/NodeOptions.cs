using System.ComponentModel.DataAnnotations;

namespace Borderlink.Sharing.Exchange;

/// <summary>Who this node is in the federation (PROTOCOL.md "Nodes and trust").</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>Stable id, e.g. "cn-gx" or "vn-north".</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,62}$")]
    public string Id { get; set; } = "demo";

    /// <summary>Where partners reach this node, e.g. "https://borderlink.example.vn".</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Party codes this node hosts; empty hosts every party in the reference data (the one-node demo).</summary>
    public List<string> HostedParties { get; set; } = [];

    public bool Hosts(string party) => HostedParties.Count == 0 || HostedParties.Contains(party);
}

public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>
    /// Largest message accepted by the inbox; larger ones are refused with 413. Room for a notification attachment
    /// (base64 inside the signed payload makes a 5 MB file about 9 MB on the wire).
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Send every message as a JWE to the partner's encryption key (ECDH-ES+A256KW, A256GCM), so that nothing between
    /// the two applications — a proxy ending TLS, a gateway — can read it. The inbox takes both forms whatever this says.
    /// </summary>
    public bool Encrypt { get; set; }

    /// <summary>Run the delivery worker in this instance.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due messages when nothing wakes it.</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Messages claimed and sent per round.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Rounds in flight at once in this instance.</summary>
    [Range(1, 16)]
    public int Senders { get; set; } = 4;

    /// <summary>Longest wait between two tries of a message (PROTOCOL.md: about 5 minutes).</summary>
    [Range(1, 3600)]
    public int MaxBackoffSeconds { get; set; } = 300;

    /// <summary>How often a partner found down is asked (at its health address) whether it answers again.</summary>
    [Range(1, 3600)]
    public int ProbeSeconds { get; set; } = 10;

    /// <summary>Longest a partner's inbox may take to answer one message.</summary>
    [Range(1, 600)]
    public int SendTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long a claim keeps other instances off a message (PostgreSQL): a round's sends end within the send timeout,
    /// and its outcomes are written just after. It is also how long the messages an instance had claimed wait when it
    /// crashes, before its restart or another instance sends them. Should a round still outlast it, a message sent
    /// twice is a duplicate to the receiver, applied once. Default: the send timeout plus 15 seconds; never shorter
    /// than the send timeout.
    /// </summary>
    [Range(1, 900)]
    public int? ClaimLeaseSeconds { get; set; }

    /// <summary>How long a partner node must have stopped answering before the administrators get an alert (once per outage).</summary>
    [Range(0, 86_400)]
    public int UnreachableAlertSeconds { get; set; } = 300;

    public TimeSpan SendTimeout => TimeSpan.FromSeconds(SendTimeoutSeconds);

    public TimeSpan ClaimLease => TimeSpan.FromSeconds(ClaimLeaseSeconds ?? SendTimeoutSeconds + 15);
}
