using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notes;

/// <summary>The notes the viewer may see (the filter decides), newest first, paged and filtered on the server.</summary>
public static class ListNotes
{
    public sealed record Query(string? Owner = null, string? Q = null, int Page = 1, int PageSize = 25);

    public static async Task<Paged<LiaisonNote>> HandleAsync(BorderlinkDb db, Query query, CancellationToken ct = default)
    {
        var notes = db.LiaisonNotes.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            notes = notes.Where(n => n.OwnerParty == query.Owner);
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim();
            notes = notes.Where(n => n.Title.Contains(term) || n.Body.Contains(term));
        }
        return await Paged.FromAsync(notes.OrderByDescending(n => n.UpdatedAt).ThenByDescending(n => n.Id), query.Page, query.PageSize, ct);
    }
}
