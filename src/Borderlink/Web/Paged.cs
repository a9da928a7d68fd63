using Microsoft.EntityFrameworkCore;

namespace Borderlink.Web;

/// <summary>One page of a server-side list, with the total so clients and pagers know how far it goes.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;

    public Paged<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Page, PageSize, Total);
}

public static class Paged
{
    public const int MaxPageSize = 500;

    /// <summary>Counts and fetches one page of an ordered query; page and size are clamped to sane bounds.</summary>
    public static async Task<Paged<T>> FromAsync<T>(IQueryable<T> ordered, int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<T>(items, page, pageSize, total);
    }
}
