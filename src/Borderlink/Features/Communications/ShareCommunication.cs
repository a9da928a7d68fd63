using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Communications;

/// <summary>The owner shares a log entry; a crime-related one only restricted to public security and border defence.</summary>
public static class ShareCommunication
{
    public static Task<Outcome<CommunicationEntry>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, long version, ShareRecord.Request request,
        CancellationToken ct = default) =>
        ShareRecord.HandleAsync<CommunicationEntry>(db, clock, id, version, request, ShareRule, ct);

    /// <summary>The extra rule for sharing an entry: a crime-related one only Restricted to public security and border defence.</summary>
    public static IEnumerable<FieldError> ShareRule(CommunicationEntry entry, ShareRecord.Request request) =>
        LogCommunication.CrimeRule(entry.Category, request.Visibility, request.RestrictedTo ?? []);
}
