using System.Text.Json;
using Borderlink.Features.Notifications;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Audit;

/// <summary>
/// What an audit line says beyond its action, as data rather than an English sentence: a key naming the sentence
/// ("AuditDetail." + key in four languages) and its arguments, kept as codes and shown as words by <see cref="Words"/>.
/// The stored form is a small JSON object, so it is hashed into the chain like any text.
/// </summary>
public sealed record AuditDetail(
    [property: System.Text.Json.Serialization.JsonPropertyName("K")] string Key,
    [property: System.Text.Json.Serialization.JsonPropertyName("A")] string[] Args)
{
    /// <summary>Who may read a record: its scope, the partners it is shared with, the functions it is restricted to.</summary>
    public const string Visibility = "visibility";
    /// <summary>A record's new version number.</summary>
    public const string Version = "version";

    public static readonly string[] All = [Visibility, Version];

    public static string Of(CoordinationRecord r) => Stored(Visibility, r.Visibility.ToString(), r.AudienceParties, r.RestrictedFunctions);

    public static string OfVersion(long version) => Stored(Version, version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Stored(string key, params string[] args) => JsonSerializer.Serialize(new AuditDetail(key, args));

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

    /// <summary>The detail in the reader's language; a detail written as plain text is shown as it was written.</summary>
    public static string Words(IStringLocalizer L, string? stored, ReferenceCache.Snapshot reference)
    {
        if (Read(stored) is not { } detail) return stored ?? "";
        return detail.Key switch
        {
            Visibility => L["AuditDetail.visibility",
                Enum.TryParse<Sharing.Visibility>(detail.Args[0], out var v) ? L["Visibility." + v] : detail.Args[0],
                Names(L, Codes.Split(detail.Args.ElementAtOrDefault(1) ?? "").Select(reference.PartyName)),
                Names(L, Codes.Split(detail.Args.ElementAtOrDefault(2) ?? "").Select(f => reference.Functions.FirstOrDefault(x => x.Code == f)?.Name() ?? f))],
            _ => L["AuditDetail." + detail.Key, [.. detail.Args]],
        };
    }

    private static string Names(IStringLocalizer L, IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? L["AuditDetail.Nobody"] : Web.Languages.List(list);
    }
}

/// <summary>The words of an audit line's codes.</summary>
public static class AuditWords
{
    /// <summary>A record type by its name in the reader's language ("RecordType." + type), the code itself only for a type this version does not know.</summary>
    public static string RecordType(IStringLocalizer L, string type) => L["RecordType." + type] is { ResourceNotFound: false } name ? name : type;
}
