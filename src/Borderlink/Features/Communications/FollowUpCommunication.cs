using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Communications;

/// <summary>The owner records the follow-up of a log entry and whether it is done.</summary>
public static class FollowUpCommunication
{
    public sealed record Request(string? FollowUp, bool Done);

    public static async Task<Outcome<CommunicationEntry>> HandleAsync(BorderlinkDb db, Guid id, long version, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<CommunicationEntry>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<CommunicationEntry>.Done { Value: var entry }) return loaded;
        if (request.FollowUp?.Length > CommunicationEntry.TextMax)
            return new Outcome<CommunicationEntry>.Invalid([new("followUp", "Error.TooLong", CommunicationEntry.TextMax)]);
        entry.FollowUp = request.FollowUp?.Trim() ?? "";
        entry.FollowUpDone = request.Done;
        return await RecordLoader.SaveVersionedAsync(db, entry, version, ct);
    }
}
