using System.Reflection;
using System.Text.RegularExpressions;
using Borderlink.Data;
using Borderlink.Sharing.Exchange;

namespace Borderlink.Sharing;

/// <summary>
/// Where a record of this type is read. Either a page whose address names the record's own properties
/// (<c>"/notes/{Id}"</c>, <c>"/gates/{GatePair}/goods"</c>), or, for a record read on another record's page (an answer on
/// its notification, a signature on its minutes), that record: its type (a type name, or the property holding one)
/// and the property holding its id.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecordPageAttribute : Attribute
{
    public RecordPageAttribute(string template) => Template = template;

    public RecordPageAttribute(string parentType, string parentIdProperty) => (ParentType, ParentIdProperty) = (parentType, parentIdProperty);

    public string? Template { get; }
    /// <summary>The parent's record type name, or the name of a property of this record that holds it.</summary>
    public string? ParentType { get; }
    public string? ParentIdProperty { get; }
}

/// <summary>
/// One address for any record, <c>/records/{type}/{id}</c>, that opens the page the record is read on for whoever may
/// see it (<see cref="RecordLinkPage"/>): alerts and threads link through it without knowing each type's pages.
/// </summary>
public static partial class RecordPages
{
    public static string Link(string recordType, Guid id) => $"/records/{recordType}/{id}";

    public static RecordPageAttribute? Of(Type type) => type.GetCustomAttribute<RecordPageAttribute>();

    /// <summary>The page of a record the viewer may see, or null when the record (or the record it is read on) is not visible.</summary>
    public static async Task<string?> ResolveAsync(BorderlinkDb db, string recordType, Guid id, CancellationToken ct = default)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            if (!RecordTypes.ByName.TryGetValue(recordType, out var type) || Of(type) is not { } page) return null;
            var record = (await RecordTypes.FindAsync(db, type, [id], ct)).FirstOrDefault();
            if (record is null) return null;
            if (page.Template is { } template)
            {
                return Placeholder().Replace(template, m => Uri.EscapeDataString(Convert.ToString(type.GetProperty(m.Groups[1].Value)!.GetValue(record),
                    System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }
            recordType = type.GetProperty(page.ParentType!) is { } typeProperty ? (string)typeProperty.GetValue(record)! : page.ParentType!;
            id = (Guid)type.GetProperty(page.ParentIdProperty!)!.GetValue(record)!;
        }
        return null;
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
