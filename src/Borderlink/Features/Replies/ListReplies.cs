using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Replies;

/// <summary>The replies to one record that the viewer may see (the visibility filter decides), oldest first.</summary>
public static class ListReplies
{
    public const int Max = 500;

    public static Task<List<RecordReply>> HandleAsync(BorderlinkDb db, string aboutType, Guid aboutId, CancellationToken ct = default) =>
        db.RecordReplies.AsNoTracking().Where(r => r.AboutId == aboutId && r.AboutType == aboutType)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(Max).ToListAsync(ct);
}
