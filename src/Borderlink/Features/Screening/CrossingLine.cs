using System.Globalization;
using Borderlink.Web;

namespace Borderlink.Features.Screening;

/// <summary>
/// One crossing as a gate system sends it — a JSON object per NDJSON line, or a CSV row with these names as headers.
/// Values are text so that every mistake can be named by field; <see cref="Check"/> turns a line into a record. Sent as
/// one JSON object (<c>POST /api/v1/gates/{code}/crossing</c>) a field may be a string, a number or a boolean, as in a
/// batch line (<see cref="ScalarAsText"/>).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CrossingLineJson))]
public sealed class CrossingLine
{
    public string? Id { get; set; }
    public string? OccurredAt { get; set; }
    public string? Kind { get; set; }
    public string? Direction { get; set; }
    public string? Purpose { get; set; }
    public string? Nationality { get; set; }
    public string? TravellerName { get; set; }
    public string? DocumentNumber { get; set; }
    public string? HealthDeclaration { get; set; }
    public string? TemperatureC { get; set; }
    public string? Symptoms { get; set; }
    public string? Test { get; set; }
    public string? Decision { get; set; }
    public string? VehiclePlate { get; set; }
    public string? Disinfected { get; set; }
    public string? Goods { get; set; }
    public string? Sampled { get; set; }
    public string? PermitId { get; set; }

    /// <summary>The record, or the first thing wrong with the line (field and message key with arguments).</summary>
    public CrossingRecord? Check(string party, string gate, Func<DateTimeOffset, DateOnly> localDate, DateTimeOffset now, Guid batch, out FieldError? error)
    {
        error = null;
        if (!Guid.TryParse(Id, out var id) || id == Guid.Empty) return Fail(out error, "id", "Ingest.BadId");
        if (!DateTimeOffset.TryParse(OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || !HasOffset(OccurredAt!))
            return Fail(out error, "occurredAt", "Ingest.BadTime");
        if (at > now.AddMinutes(10)) return Fail(out error, "occurredAt", "Ingest.FutureTime");
        if (!TryEnum<CrossingKind>(Kind, CrossingKind.Traveller, out var kind)) return Fail(out error, "kind", "Ingest.BadValue", Kind ?? "");
        if (!TryEnum<CrossingDirection>(Direction, CrossingDirection.Entry, out var direction)) return Fail(out error, "direction", "Ingest.BadValue", Direction ?? "");
        if (!TryEnum<CrossingPurpose>(Purpose, CrossingPurpose.Other, out var purpose)) return Fail(out error, "purpose", "Ingest.BadValue", Purpose ?? "");
        if (!TryEnum<TestOutcome>(Test, TestOutcome.NotTested, out var test)) return Fail(out error, "test", "Ingest.BadValue", Test ?? "");
        if (!TryEnum<ScreeningDecision>(Decision, ScreeningDecision.Admitted, out var decision)) return Fail(out error, "decision", "Ingest.BadValue", Decision ?? "");
        var nationality = (Nationality ?? "").Trim().ToUpperInvariant();
        if (nationality.Length is not (0 or 2 or 3) || !nationality.All(char.IsAsciiLetterUpper)) return Fail(out error, "nationality", "Ingest.BadValue", Nationality ?? "");
        double? temperature = null;
        if (!string.IsNullOrWhiteSpace(TemperatureC))
        {
            if (!double.TryParse(TemperatureC, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t is < 30 or > 45)
                return Fail(out error, "temperatureC", "Ingest.Temperature", TemperatureC);
            temperature = t;
        }
        if (!TryBool(HealthDeclaration, out var declared)) return Fail(out error, "healthDeclaration", "Ingest.BadValue", HealthDeclaration ?? "");
        if (!TryBool(Symptoms, out var symptoms)) return Fail(out error, "symptoms", "Ingest.BadValue", Symptoms ?? "");
        if (!TryBool(Disinfected, out var disinfected)) return Fail(out error, "disinfected", "Ingest.BadValue", Disinfected ?? "");
        if (!TryBool(Sampled, out var sampled)) return Fail(out error, "sampled", "Ingest.BadValue", Sampled ?? "");
        foreach (var (name, value) in new[] { ("travellerName", TravellerName), ("documentNumber", DocumentNumber), ("vehiclePlate", VehiclePlate), ("goods", Goods) })
        {
            if (value?.Length > CrossingRecord.TextMax) return Fail(out error, name, "Error.TooLong", CrossingRecord.TextMax);
        }
        Guid? permit = null;
        if (!string.IsNullOrWhiteSpace(PermitId))
        {
            if (!Guid.TryParse(PermitId, out var p)) return Fail(out error, "permitId", "Ingest.BadValue", PermitId);
            permit = p;
        }
        return new CrossingRecord
        {
            Id = id, Party = party, GatePair = gate, OccurredAt = at.ToUniversalTime(), LocalDate = localDate(at), Kind = kind, Direction = direction, Purpose = purpose,
            Nationality = nationality, TravellerName = TravellerName?.Trim() ?? "", DocumentNumber = DocumentNumber?.Trim() ?? "", HealthDeclaration = declared,
            TemperatureC = temperature, Symptoms = symptoms, Test = test, Decision = decision, VehiclePlate = VehiclePlate?.Trim() ?? "", Disinfected = disinfected,
            Goods = Goods?.Trim() ?? "", Sampled = sampled, PermitId = permit, BatchId = batch, RecordedAt = now,
        };
    }

    private static CrossingRecord? Fail(out FieldError? error, string field, string key, params object[] args)
    {
        error = new FieldError(field, key, args);
        return null;
    }

    /// <summary>An instant must say its offset (Z or ±hh:mm): a gate's wall-clock time alone is ambiguous across the border.</summary>
    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static bool TryEnum<T>(string? text, T fallback, out T value) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }
        return Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
    }

    private static bool TryBool(string? text, out bool value)
    {
        value = false;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0" or "no":
                return true;
            case "true" or "1" or "yes":
                value = true;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// Reads a single crossing the way a batch line is read (<see cref="NdJsonLines"/>): any scalar as its text, so
/// <c>"disinfected": true</c> and <c>"temperatureC": 36.8</c> mean what they mean in a batch. Written back as text.
/// </summary>
public sealed class CrossingLineJson : System.Text.Json.Serialization.JsonConverter<CrossingLine>
{
    public override CrossingLine? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        NdJsonLines.ReadObject(ref reader);

    public override void Write(System.Text.Json.Utf8JsonWriter writer, CrossingLine value, System.Text.Json.JsonSerializerOptions options) =>
        NdJsonLines.WriteObject(writer, value);
}
