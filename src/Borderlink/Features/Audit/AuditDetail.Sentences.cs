using Borderlink.Sharing;

namespace Borderlink.Features.Audit;

/// <summary>
/// Every sentence an audit line can carry. A newcomer adds one as a method here, its key to <see cref="All"/> and
/// "AuditDetail." + key to the four resource files (ResourceTests fails on a key without its words in each language).
/// </summary>
public sealed partial record AuditDetail
{
    /// <summary>Who may read a record: its scope, the partners it is shared with, the functions it is restricted to.</summary>
    public const string Visibility = "visibility";

    public static readonly string[] All =
    [
        Visibility, "version",
        "system.inbox", "system.inbox-kept", "system.interrupted-batches", "system.partner-card", "system.remind-measures",
        "system.escalate", "system.congestion",
        "record.absent", "record.not-allowed", "respond.not-allowed", "update.needs-liaison", "goods-answer.not-allowed",
        "permit-decision.not-allowed", "minutes.locked", "minutes.sign-not-allowed", "minutes.not-allowed", "rule.not-allowed",
        "rule-answer.not-allowed",
        "replica.kept", "replica.unknown-type", "replica.stale", "replica.id-collision", "replica.from",
        "partner-card.imported", "partner-card.retired", "exchange.retry",
        "inbox.malformed-encrypted", "inbox.not-our-key", "inbox.does-not-decrypt", "inbox.malformed", "inbox.unknown-key",
        "inbox.not-envelope", "inbox.bad-signature", "inbox.unknown-version", "inbox.claims-other", "inbox.not-addressed",
        "inbox.no-record", "inbox.not-host", "inbox.unreadable-body",
        "key.activated", "key.signing-created", "key.encryption-created",
        "batch.interrupted", "batch.received", "crossings.gate-not-ours", "crossings.gate-out-of-scope",
        "crossing.gate-not-allowed", "crossing.permit-refused", "crossing.recorded", "crossing.share-not-allowed",
        "request.refused", "request.refused-gate",
        "measure.reminded", "glossary.added", "glossary.changed", "ack.overdue", "situation.imported",
        "quarantine.stay", "quarantine.occupancy", "traffic.gate-not-allowed", "traffic.threshold", "traffic.congested",
        "gate.not-officer", "vector.threshold",
        "user.created", "user.outside-party", "user.changed", "two-factor.enabled", "two-factor.login", "two-factor.failed",
        "login.failed", "login.locked", "login.too-many", "token.issued", "token.issued-gate", "token.unknown", "token.revoked",
        "reference.other-countrys-rule", "reference.other-party", "reference.other-place", "reference.other-gate", "reference.saved",
        "reference.correction-not-theirs",
        "agency.outside-party", "agency.created", "agency.changed",
    ];

    // Records
    public static AuditDetail Of(CoordinationRecord r) =>
        Say(Visibility, Arg.Word("Visibility." + r.Visibility), Arg.Parties(r.Audience), Arg.Functions(r.Restriction));
    public static AuditDetail OfVersion(long version) => Say("version", Arg.Number(version));
    public static AuditDetail Absent(RecordOperation operation) => Say("record.absent", Arg.Word("RecordOperation." + operation));
    public static AuditDetail NotAllowed(RecordOperation operation) => Say("record.not-allowed", Arg.Word("RecordOperation." + operation));
    public static AuditDetail RespondNotAllowed(string responseKind) => Say("respond.not-allowed", Arg.Word("ResponseKind." + responseKind));
    public static AuditDetail UpdateNeedsLiaison() => Say("update.needs-liaison");
    public static AuditDetail GoodsAnswerNotAllowed() => Say("goods-answer.not-allowed");
    public static AuditDetail PermitDecisionNotAllowed() => Say("permit-decision.not-allowed");
    public static AuditDetail MinutesLocked() => Say("minutes.locked");
    public static AuditDetail MinutesSignNotAllowed() => Say("minutes.sign-not-allowed");
    public static AuditDetail MinutesNotAllowed() => Say("minutes.not-allowed");
    public static AuditDetail RuleNotAllowed() => Say("rule.not-allowed");
    public static AuditDetail RuleAnswerNotAllowed() => Say("rule-answer.not-allowed");

    // Reading past the visibility filter (system work), said when it starts
    public static AuditDetail SystemInbox(int messages) => Say("system.inbox", Arg.Number(messages));
    public static AuditDetail SystemInboxKept(int messages) => Say("system.inbox-kept", Arg.Number(messages));
    public static AuditDetail SystemInterruptedBatches() => Say("system.interrupted-batches");
    public static AuditDetail SystemPartnerCard(string file) => Say("system.partner-card", Arg.Text(file));
    public static AuditDetail SystemRemindMeasures() => Say("system.remind-measures");
    public static AuditDetail SystemEscalate() => Say("system.escalate");
    public static AuditDetail SystemCongestion() => Say("system.congestion");

    // Exchange with partner nodes
    public static AuditDetail ReplicaKept(string node, long version, string error) => Say("replica.kept", Arg.Text(node), Arg.Number(version), Arg.Text(error));
    public static AuditDetail ReplicaUnknownType(string node, long version) => Say("replica.unknown-type", Arg.Text(node), Arg.Number(version));
    public static AuditDetail ReplicaStale(string node, long version, long have) => Say("replica.stale", Arg.Text(node), Arg.Number(version), Arg.Number(have));
    public static AuditDetail ReplicaIdCollision(string node) => Say("replica.id-collision", Arg.Text(node));
    public static AuditDetail ReplicaFrom(string node, long version) => Say("replica.from", Arg.Text(node), Arg.Number(version));
    public static AuditDetail PartnerCardImported(string node, string parties, IEnumerable<string> keys) =>
        Say("partner-card.imported", Arg.Text(node), Arg.Parties(Codes.Split(parties)), Arg.Text(string.Join(", ", keys)));
    public static AuditDetail PartnerCardRetired(string node, string parties) => Say("partner-card.retired", Arg.Text(node), Arg.Parties(Codes.Split(parties)));
    public static AuditDetail ExchangeRetry(string node, int messages) => Say("exchange.retry", Arg.Text(node), Arg.Number(messages));
    public static AuditDetail KeyActivated(string kid) => Say("key.activated", Arg.Text(kid));
    public static AuditDetail SigningKeyCreated(string kid) => Say("key.signing-created", Arg.Text(kid));
    public static AuditDetail EncryptionKeyCreated(string kid, string signingKid) => Say("key.encryption-created", Arg.Text(kid), Arg.Text(signingKid));

    /// <summary>Why the exchange inbox refused a message (the sender is told the same in English).</summary>
    public static class Inbox
    {
        public static AuditDetail MalformedEncrypted() => Say("inbox.malformed-encrypted");
        public static AuditDetail NotOurKey(string kid) => Say("inbox.not-our-key", Arg.Text(kid));
        public static AuditDetail DoesNotDecrypt(string kid) => Say("inbox.does-not-decrypt", Arg.Text(kid));
        public static AuditDetail Malformed() => Say("inbox.malformed");
        public static AuditDetail UnknownKey(string kid) => Say("inbox.unknown-key", Arg.Text(kid));
        public static AuditDetail NotEnvelope() => Say("inbox.not-envelope");
        public static AuditDetail BadSignature(string kid, IEnumerable<string> nodes) => Say("inbox.bad-signature", Arg.Text(kid), Arg.Text(string.Join(", ", nodes)));
        public static AuditDetail UnknownVersion(int version) => Say("inbox.unknown-version", Arg.Number(version));
        public static AuditDetail ClaimsOther(string signer, string claimed) => Say("inbox.claims-other", Arg.Text(signer), Arg.Text(claimed));
        public static AuditDetail NotAddressed(string to) => Say("inbox.not-addressed", Arg.Text(to));
        public static AuditDetail NoRecord(string kind) => Say("inbox.no-record", Arg.Text(kind));
        public static AuditDetail NotHost(string node, string owner) => Say("inbox.not-host", Arg.Text(node), Arg.Party(owner));
        public static AuditDetail UnreadableBody(string error) => Say("inbox.unreadable-body", Arg.Text(error));
    }

    // Gates, screening, traffic, quarantine, vectors
    public static AuditDetail BatchInterrupted(string gate, int rows) => Say("batch.interrupted", Arg.Gate(gate), Arg.Number(rows));
    public static AuditDetail BatchReceived(string gate, long lines, long added) => Say("batch.received", Arg.Gate(gate), Arg.Number(lines), Arg.Number(added));
    public static AuditDetail CrossingsGateNotOurs(string gate) => Say("crossings.gate-not-ours", Arg.Gate(gate));
    public static AuditDetail CrossingsGateOutOfScope(string tokenGate, string gate) => Say("crossings.gate-out-of-scope", Arg.Gate(tokenGate), Arg.Gate(gate));
    public static AuditDetail CrossingGateNotAllowed(string gate) => Say("crossing.gate-not-allowed", Arg.Gate(gate));
    public static AuditDetail CrossingPermitRefused(string gate, string permit, Web.FieldError reason) => Say("crossing.permit-refused", Arg.Gate(gate), Arg.Text(permit), Arg.Message(reason));
    public static AuditDetail CrossingRecorded(string gate) => Say("crossing.recorded", Arg.Gate(gate));
    public static AuditDetail CrossingShareNotAllowed() => Say("crossing.share-not-allowed");
    public static AuditDetail TrafficGateNotAllowed(string gate) => Say("traffic.gate-not-allowed", Arg.Gate(gate));
    public static AuditDetail TrafficThreshold(string? party, string gate, int? trucks, int? minutes) =>
        Say("traffic.threshold", Arg.Party(party), Arg.Gate(gate), Arg.Number(trucks), Arg.Number(minutes));
    public static AuditDetail TrafficCongested(string gate, DateOnly date, int trucks, string alerted) =>
        Say("traffic.congested", Arg.Gate(gate), Arg.Date(date), Arg.Number(trucks), Arg.Party(alerted));
    public static AuditDetail GateNotOfficer(string gate) => Say("gate.not-officer", Arg.Gate(gate));
    public static AuditDetail QuarantineStay(int people, string facility) => Say("quarantine.stay", Arg.Number(people), Arg.Text(facility));
    public static AuditDetail QuarantineOccupancy(int occupancy, int capacity, int percent) => Say("quarantine.occupancy", Arg.Number(occupancy), Arg.Number(capacity), Arg.Number(percent));
    public static AuditDetail VectorThreshold(string kind, double index) =>
        Say("vector.threshold", Arg.Word("VectorKind." + kind), Arg.Text(index.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));

    // Deadlines and imports
    public static AuditDetail MeasureReminded(string alertKind, DateOnly due) => Say("measure.reminded", Arg.Word("AlertKind." + alertKind), Arg.Date(due));
    public static AuditDetail AckOverdue(string addressee, DateTimeOffset? due, string alerted) => Say("ack.overdue", Arg.Party(addressee), Arg.Instant(due), Arg.Party(alerted));
    public static AuditDetail SituationImported(int rows, int periods, string source, int replaced) =>
        Say("situation.imported", Arg.Number(rows), Arg.Number(periods), Arg.Text(source), Arg.Number(replaced));
    public static AuditDetail GlossaryTerm(string slug, bool created) => Say(created ? "glossary.added" : "glossary.changed", Arg.Text(slug));

    // Requests, accounts and tokens
    public static AuditDetail RequestRefused(string method, string path) => Say("request.refused", Arg.Text(method), Arg.Text(path));
    public static AuditDetail RequestRefusedOutsideGate(string method, string path, string? gate) => Say("request.refused-gate", Arg.Text(method), Arg.Text(path), Arg.Gate(gate));
    public static AuditDetail UserCreated(string userName, Guid agencyId, IEnumerable<string> roles) =>
        Say("user.created", Arg.Text(userName), Arg.Agency(agencyId), Roles(roles));
    public static AuditDetail UserOutsideParty(string id) => Say("user.outside-party", Arg.Text(id));
    public static AuditDetail UserChanged(string userName, Guid agencyId, IEnumerable<string> roles, bool locked) =>
        Say("user.changed", Arg.Text(userName), Arg.Agency(agencyId), Roles(roles), Arg.Word(locked ? "AuditWord.Locked" : "AuditWord.Active"));
    public static AuditDetail TwoFactorEnabled() => Say("two-factor.enabled");
    public static AuditDetail TwoFactorLogin() => Say("two-factor.login");
    public static AuditDetail TwoFactorFailed() => Say("two-factor.failed");
    public static AuditDetail LoginFailed(string userName, bool locked) => Say(locked ? "login.locked" : "login.failed", Arg.Text(userName));
    public static AuditDetail LoginTooMany(string? userName, string address) => Say("login.too-many", Arg.Text(userName ?? "—"), Arg.Text(address));
    public static AuditDetail TokenIssued(string name, string agency, string role, IEnumerable<string> scopes, string? gate) => gate is null
        ? Say("token.issued", Arg.Text(name), Arg.Text(agency), Arg.Word("Role." + role), Arg.Words(scopes.Select(s => "ApiScope." + s)))
        : Say("token.issued-gate", Arg.Text(name), Arg.Text(agency), Arg.Word("Role." + role), Arg.Words(scopes.Select(s => "ApiScope." + s)), Arg.Gate(gate));
    public static AuditDetail TokenUnknown(string id) => Say("token.unknown", Arg.Text(id));
    public static AuditDetail TokenRevoked(string name) => Say("token.revoked", Arg.Text(name));

    // Reference data
    public static AuditDetail OtherCountrysRule(string disease, string? adminParty) => Say("reference.other-countrys-rule", Arg.Text(disease), Arg.Party(adminParty));
    public static AuditDetail OtherParty(string party, string? adminParty) => Say("reference.other-party", Arg.Party(party), Arg.Party(adminParty));
    public static AuditDetail OtherPlace(string place, string? placeParty, string? adminParty) => Say("reference.other-place", Arg.Text(place), Arg.Party(placeParty), Arg.Party(adminParty));
    public static AuditDetail OtherGate(string gate, string? adminParty) => Say("reference.other-gate", Arg.Gate(gate), Arg.Party(adminParty));
    public static AuditDetail CorrectionNotTheirs(string code, string party) => Say("reference.correction-not-theirs", Arg.Text(code), Arg.Party(party));
    public static AuditDetail ReferenceSaved(string kind, string code, IEnumerable<string> fields) =>
        Say("reference.saved", Arg.Word("AuditReference." + kind), Arg.Text(code), Arg.Words(fields.Select(f => "ReferenceField." + f)));
    public static AuditDetail AgencyOutsideParty(string id) => Say("agency.outside-party", Arg.Text(id));
    public static AuditDetail Agency(string name, bool created) => Say(created ? "agency.created" : "agency.changed", Arg.Text(name));

    private static Arg Roles(IEnumerable<string> roles) => Arg.Words(roles.Select(r => "Role." + r.ToLowerInvariant()));
}
