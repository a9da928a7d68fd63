using System.Globalization;
using Borderlink.Features.Reference;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Gazetteer;

public sealed record GazetteerNames(string En, string Vi, string Zh, string Fr);

/// <summary>A place or party a search answer refers to.</summary>
public sealed record GazetteerRef(string Code, string Name);

/// <summary>What a former unit became, and from when: <see cref="Code"/> and <see cref="Name"/> are the first of <see cref="All"/>.</summary>
public sealed record SuccessionDto(string Code, string Name, DateOnly Since, string Message, IReadOnlyList<GazetteerRef> All);

/// <param name="Level">The level's code (<see cref="PlaceLevels"/>), <paramref name="LevelName"/> its words in the caller's language.</param>
/// <param name="Within">The parents, nearest first, up to the party.</param>
public sealed record GazetteerResultDto(string Kind, string Code, string Name, GazetteerNames Names, string? Party, double Score, SuccessionDto? SucceededBy,
    string Level, string LevelName, IReadOnlyList<GazetteerRef> Within);

/// <summary>GET /api/v1/gazetteer?q=: places, parties and gates from any spelling, ranked.</summary>
public static class GazetteerApi
{
    public static IEndpointRouteBuilder MapGazetteerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/gazetteer", async (GazetteerIndex index, Sharing.Viewer viewer, IStringLocalizer<SharedResource> L, string? q, int? limit,
                CancellationToken ct) =>
            {
                var hits = await index.SearchAsync(q, limit ?? 20, viewer.Party, ct);
                return TypedResults.Ok(hits.Select(h => ToDto(h, index, L)).ToList());
            })
            .RequireAuthorization(Policies.Reader)
            .WithTags("Reference data").WithName("SearchGazetteer")
            .WithSummary("Find a place, party or gate pair by any name, alias or misspelling, in any of the four languages.");
        return app;
    }

    public static GazetteerResultDto ToDto(GazetteerHit hit, GazetteerIndex index, IStringLocalizer L)
    {
        var e = hit.Entry;
        return new GazetteerResultDto(e.Kind.ToString(), e.Code, e.Names.Name(),
            new GazetteerNames(e.Names.NameEn, e.Names.NameVi, e.Names.NameZh, e.Names.NameFr), e.PartyCode, Math.Round(hit.Score, 3),
            Succession(e, index, L), e.Level, PlaceLevels.Words(L, e.Level), index.ParentsOf(e).Select(p => new GazetteerRef(p.Code, p.Names.Name())).ToList());
    }

    /// <summary>
    /// "Ha Giang has been part of Tuyen Quang since 2025-07-01"; for a unit divided among several, "Huyện Lộc Bình became
    /// Xã Lộc Bình, Xã Na Dương… on 2025-07-01" — from the validity and successors.
    /// </summary>
    public static SuccessionDto? Succession(GazetteerEntry entry, GazetteerIndex index, IStringLocalizer L)
    {
        if (entry.ValidTo is not { } end || entry.Successors is not { Count: > 0 } codes) return null;
        var successors = codes.Select(c => new GazetteerRef(c, index.Find(c)?.Names.Name() ?? c)).ToList();
        var since = end.AddDays(1);
        var date = since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var message = successors.Count == 1 && entry.Kind == GazetteerKind.Party
            ? L["Gazetteer.SucceededBy", entry.Names.Name(), successors[0].Name, date]
            : L["Gazetteer.BecameOn", entry.Names.Name(), Web.Languages.List(successors.Select(s => s.Name)), date];
        return new SuccessionDto(successors[0].Code, successors[0].Name, since, message, successors);
    }
}
