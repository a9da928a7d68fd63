using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing.Exchange;

/// <summary>The stable name of a record type on the wire (PROTOCOL.md: "record type name, stable across versions").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecordTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Marks a field as personal data: it is left out of what crosses to a partner node unless explicitly shared.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute : Attribute;

/// <summary>
/// Every coordination record type, found by reflection, with the serializer for its snapshots. A record type added
/// later crosses nodes with no transport code of its own: derive from <see cref="CoordinationRecord"/>, name it with
/// <see cref="RecordTypeAttribute"/>, mark personal fields with <see cref="PersonalAttribute"/>.
/// </summary>
public static class RecordTypes
{
    public static readonly IReadOnlyDictionary<string, Type> ByName = typeof(CoordinationRecord).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(CoordinationRecord)))
        .ToDictionary(t => t.GetCustomAttribute<RecordTypeAttribute>()?.Name ?? throw new InvalidOperationException($"{t.Name} has no [RecordType]"));

    public static string NameOf(Type type) => type.GetCustomAttribute<RecordTypeAttribute>()!.Name;

    /// <summary>Snapshot JSON: everything but navigation-free transport fields and personal fields.</summary>
    public static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutPersonal } },
    };

    /// <summary>Snapshot JSON with personal fields, for a record whose owner said why they may cross.</summary>
    public static readonly JsonSerializerOptions SnapshotWithPersonalJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static JsonElement Snapshot(CoordinationRecord record) =>
        JsonSerializer.SerializeToElement(record, record.GetType(),
            string.IsNullOrWhiteSpace(record.PersonalDataSharedBecause) ? SnapshotJson : SnapshotWithPersonalJson);

    /// <summary>
    /// A received snapshot as a record. Its personal fields are read only when it says why they may cross (as
    /// <see cref="Snapshot"/> writes them only then); without a reason they are left out whatever a sender put in.
    /// </summary>
    public static CoordinationRecord Read(Type type, JsonElement body) =>
        (CoordinationRecord)(body.Deserialize(type, SaysWhyPersonalDataCrosses(body) ? SnapshotWithPersonalJson : SnapshotJson)
            ?? throw new JsonException("empty body"));

    private static bool SaysWhyPersonalDataCrosses(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
        && body.TryGetProperty("personalDataSharedBecause", out var reason) && reason.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(reason.GetString());

    /// <summary>The records of one type with these ids, tracked, read past the visibility filter only in a system scope (as the filter says).</summary>
    public static Task<List<CoordinationRecord>> FindAsync(BorderlinkDb db, Type type, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Finders.GetOrAdd(type, t => typeof(RecordTypes).GetMethod(nameof(FindTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(t)
            .CreateDelegate<Func<BorderlinkDb, IReadOnlyCollection<Guid>, CancellationToken, Task<List<CoordinationRecord>>>>())(db, ids, ct);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<BorderlinkDb, IReadOnlyCollection<Guid>, CancellationToken, Task<List<CoordinationRecord>>>> Finders = new();

    private static async Task<List<CoordinationRecord>> FindTypedAsync<T>(BorderlinkDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct) where T : CoordinationRecord =>
        [.. await db.Set<T>().Where(r => ids.Contains(r.Id)).ToListAsync(ct)];

    /// <summary>Copies every writable property of a received snapshot onto the stored replica (the id stays).</summary>
    public static void CopyOnto(CoordinationRecord source, CoordinationRecord target)
    {
        foreach (var property in source.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p is { CanRead: true, CanWrite: true } && p.Name != nameof(CoordinationRecord.Id)))
        {
            property.SetValue(target, property.GetValue(source));
        }
    }

    private static void LeaveOutPersonal(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(PersonalAttribute), true) == true).ToList())
        {
            info.Properties.Remove(property);
        }
    }
}
