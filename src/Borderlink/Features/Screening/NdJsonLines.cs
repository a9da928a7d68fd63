using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Borderlink.Features.Screening;

/// <summary>
/// Reads NDJSON crossings straight from the request's bytes: one pooled buffer, lines found by their '\n', each line read
/// by System.Text.Json's Utf8JsonReader into a <see cref="CrossingLine"/> (camelCase names; strings, numbers and booleans
/// all kept as text so every value is checked and named by field). No line is decoded to a string first.
/// </summary>
public static class NdJsonLines
{
    private const int BufferBytes = 1 << 20;

    public static async IAsyncEnumerable<(int Number, CrossingLine? Line, string? Error)> ReadAsync(Stream body,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var filled = 0;
        var number = 0;
        var parsed = new List<(int, CrossingLine?, string?)>(4096);
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // One line longer than the buffer: grow it rather than cut the line.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(filled), ct);
                filled += read;
                var consumed = Split(buffer, filled, read == 0, ref number, parsed);
                foreach (var item in parsed) yield return item;
                parsed.Clear();
                if (read == 0) yield break;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses every complete line in the buffer (and the last one at the end of the body); answers how many bytes it used.</summary>
    private static int Split(byte[] buffer, int filled, bool end, ref int number, List<(int, CrossingLine?, string?)> parsed)
    {
        var start = 0;
        while (start < filled)
        {
            var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
            if (newline < 0 && !end) break;
            var length = newline < 0 ? filled - start : newline;
            number++;
            var line = buffer.AsSpan(start, length).Trim(" \t\r"u8);
            if (number == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
            if (!line.IsEmpty) parsed.Add(Parse(line, number));
            start += newline < 0 ? length : length + 1;
        }
        return start;
    }

    private static (int, CrossingLine?, string?) Parse(ReadOnlySpan<byte> span, int number)
    {
        var reader = new Utf8JsonReader(span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (number, null, "Ingest.BadJson");
            var line = ReadObject(ref reader);
            return reader.Read() ? (number, null, "Ingest.BadJson") : (number, line, null);
        }
        catch (JsonException)
        {
            return (number, null, "Ingest.BadJson");
        }
    }

    /// <summary>
    /// One crossing object, the reader on its start: each scalar field as its text (a string, a number as written, true or
    /// false), nested values skipped; the reader ends on the object's end. Malformed JSON throws <see cref="JsonException"/>.
    /// </summary>
    internal static CrossingLine ReadObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a crossing is a JSON object");
        var line = new CrossingLine();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return line;
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("a property name was expected");
            var name = reader;
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            var value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                _ => null,
            };
            Assign(line, ref name, value);
        }
        throw new JsonException("the crossing object does not end");
    }

    /// <summary>A crossing as one JSON object of text fields (those that are set).</summary>
    internal static void WriteObject(Utf8JsonWriter writer, CrossingLine line)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in new[]
        {
            ("id", line.Id), ("occurredAt", line.OccurredAt), ("kind", line.Kind), ("direction", line.Direction), ("purpose", line.Purpose),
            ("nationality", line.Nationality), ("travellerName", line.TravellerName), ("documentNumber", line.DocumentNumber),
            ("healthDeclaration", line.HealthDeclaration), ("temperatureC", line.TemperatureC), ("symptoms", line.Symptoms), ("test", line.Test),
            ("decision", line.Decision), ("vehiclePlate", line.VehiclePlate), ("disinfected", line.Disinfected), ("goods", line.Goods),
            ("sampled", line.Sampled), ("permitId", line.PermitId),
        })
        {
            if (value is not null) writer.WriteString(name, value);
        }
        writer.WriteEndObject();
    }

    private static void Assign(CrossingLine line, ref Utf8JsonReader name, string? value)
    {
        if (name.ValueTextEquals("id"u8)) line.Id = value;
        else if (name.ValueTextEquals("occurredAt"u8)) line.OccurredAt = value;
        else if (name.ValueTextEquals("kind"u8)) line.Kind = value;
        else if (name.ValueTextEquals("direction"u8)) line.Direction = value;
        else if (name.ValueTextEquals("purpose"u8)) line.Purpose = value;
        else if (name.ValueTextEquals("nationality"u8)) line.Nationality = value;
        else if (name.ValueTextEquals("travellerName"u8)) line.TravellerName = value;
        else if (name.ValueTextEquals("documentNumber"u8)) line.DocumentNumber = value;
        else if (name.ValueTextEquals("healthDeclaration"u8)) line.HealthDeclaration = value;
        else if (name.ValueTextEquals("temperatureC"u8)) line.TemperatureC = value;
        else if (name.ValueTextEquals("symptoms"u8)) line.Symptoms = value;
        else if (name.ValueTextEquals("test"u8)) line.Test = value;
        else if (name.ValueTextEquals("decision"u8)) line.Decision = value;
        else if (name.ValueTextEquals("vehiclePlate"u8)) line.VehiclePlate = value;
        else if (name.ValueTextEquals("disinfected"u8)) line.Disinfected = value;
        else if (name.ValueTextEquals("goods"u8)) line.Goods = value;
        else if (name.ValueTextEquals("sampled"u8)) line.Sampled = value;
        else if (name.ValueTextEquals("permitId"u8)) line.PermitId = value;
    }
}
