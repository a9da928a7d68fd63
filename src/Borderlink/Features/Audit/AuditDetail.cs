using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Audit;

/// <summary>
/// What an audit line says beyond its action, as data rather than an English sentence: a key naming the sentence
/// ("AuditDetail." + key in four languages) and its arguments, each kept as a code with its kind (a party, a gate
/// pair, a word, a date…) and shown in the reader's language by <see cref="Words"/>. The stored form is a small JSON
/// object, hashed into the chain like any text. The sentences themselves are listed in <c>AuditDetail.Sentences.cs</c>;
/// <see cref="BorderlinkDb.Audit"/> takes nothing else, so no line can be written as free English text.
/// </summary>
public sealed partial record AuditDetail(
    [property: JsonPropertyName("K")] string Key,
    [property: JsonPropertyName("A")] string[] Args)
{
    public string Stored() => JsonSerializer.Serialize(this);

    public override string ToString() => Stored();

    private static AuditDetail Say(string key, params Arg[] args) => new(key, [.. args.Select(a => a.Stored)]);

    public static AuditDetail? Read(string? stored)
    {
        if (stored is null || !stored.StartsWith("{\"K\":", StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<AuditDetail>(stored) is { Key: not null, Args: not null } d && All.Contains(d.Key) ? d : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The detail in the reader's language (the current UI culture); a detail written as plain text is shown as it was
    /// written. Without <paramref name="reference"/> parties and gate pairs stay codes; without <paramref name="time"/>
    /// instants are shown in UTC.
    /// </summary>
    public static string Words(IStringLocalizer L, string? stored, ReferenceCache.Snapshot? reference, Web.TimeDisplay? time = null)
    {
        if (Read(stored) is not { } detail) return stored ?? "";
        return L["AuditDetail." + detail.Key, [.. detail.Args.Select(a => Arg.Words(L, a, reference, time))]];
    }

    private static string Names(IStringLocalizer L, IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? L["AuditDetail.Nobody"] : Web.Languages.List(list);
    }

    /// <summary>One argument of a sentence, stored as "kind:value" so that it can be shown as words.</summary>
    public readonly record struct Arg(string Stored)
    {
        /// <summary>As written: a name, a user name, a node id, a key id, a file, an error from elsewhere.</summary>
        public static Arg Text(string? text) => new("x:" + text);
        /// <summary>A number; none is shown as a dash.</summary>
        public static Arg Number(long? n) => new(n is { } v ? "n:" + v.ToString(CultureInfo.InvariantCulture) : "x:—");
        public static Arg Party(string? code) => new("p:" + code);
        /// <summary>Parties in the stored "|A|B|" form or as a list.</summary>
        public static Arg Parties(IEnumerable<string> codes) => new("ps:" + Codes.Join(codes));
        /// <summary>Agency functions (public security, border defence…) by their codes.</summary>
        public static Arg Functions(IEnumerable<string> codes) => new("fs:" + Codes.Join(codes));
        public static Arg Gate(string? code) => new("g:" + code);
        /// <summary>An agency, by its id: shown by its name in the reader's language.</summary>
        public static Arg Agency(Guid? id) => new("a:" + id);
        public static Arg Date(DateOnly date) => new("d:" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        public static Arg Instant(DateTimeOffset? at) => new(at is { } t ? "t:" + t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : "x:—");
        /// <summary>A word of the resources (an enum value, a role, a scope), by its resource key.</summary>
        public static Arg Word(string resourceKey) => new("w:" + resourceKey);
        public static Arg Words(IEnumerable<string> resourceKeys) => new("ws:" + string.Join('|', resourceKeys));
        /// <summary>A message of the resources with its own arguments (as text), such as a form's refusal.</summary>
        public static Arg Message(Web.FieldError message) =>
            new("m:" + JsonSerializer.Serialize(new[] { message.MessageKey }.Concat(message.Args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? ""))));

        public static string Words(IStringLocalizer L, string stored, ReferenceCache.Snapshot? reference, Web.TimeDisplay? time)
        {
            var colon = stored.IndexOf(':', StringComparison.Ordinal);
            var (kind, value) = colon < 0 ? ("x", stored) : (stored[..colon], stored[(colon + 1)..]);
            return kind switch
            {
                "p" => reference?.PartyName(value) ?? value,
                "ps" => Names(L, Codes.Split(value).Select(p => reference?.PartyName(p) ?? p)),
                "fs" => Names(L, Codes.Split(value).Select(f => reference?.Functions.FirstOrDefault(x => x.Code == f)?.Name() ?? f)),
                "g" => reference?.GateName(value) ?? value,
                "a" => Guid.TryParse(value, out var agency) && reference?.Agency(agency) is { } known ? known.Name() : value,
                "d" => value,
                "t" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? time?.Format(at) ?? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : value,
                "w" => Word(L, value),
                "ws" => Names(L, value.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(k => Word(L, k))),
                "m" => Message(L, value),
                _ => value,
            };
        }

        private static string Message(IStringLocalizer L, string value)
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(value) is [var key, .. var args] ? L[key, [.. args]] : value;
            }
            catch (JsonException)
            {
                return value;
            }
        }

        private static string Word(IStringLocalizer L, string key) => L[key] is { ResourceNotFound: false } word ? word : key[(key.LastIndexOf('.') + 1)..];
    }
}

/// <summary>The words of an audit line's codes.</summary>
public static class AuditWords
{
    /// <summary>A record type by its name in the reader's language ("RecordType." + type), the code itself only for a type this version does not know.</summary>
    public static string RecordType(IStringLocalizer L, string type) => L["RecordType." + type] is { ResourceNotFound: false } name ? name : type;
}
