using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Notes;

/// <summary>A liaison of the owner party shares a note with partners, narrows it to agency functions, or takes it back to Internal.</summary>
public static class ShareNote
{
    public static Task<Outcome<LiaisonNote>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, long expectedVersion,
        ShareRecord.Request request, CancellationToken ct = default) =>
        ShareRecord.HandleAsync<LiaisonNote>(db, clock, id, expectedVersion, request, ct: ct);
}
