using Borderlink.Data;
using Borderlink.Features.Translation;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Replies;

/// <summary>The translations of a thread's replies the viewer may see, in one query.</summary>
public static class ThreadTranslations
{
    public static async Task<List<TextTranslation>> OfAsync(BorderlinkDb db, IReadOnlyCollection<RecordReply> replies, CancellationToken ct)
    {
        if (replies.Count == 0) return [];
        var ids = replies.Select(r => r.Id).ToList();
        return await db.TextTranslations.AsNoTracking().Where(t => t.TargetType == RecordReply.TypeName && ids.Contains(t.TargetId))
            .OrderBy(t => t.Language).ToListAsync(ct);
    }
}
