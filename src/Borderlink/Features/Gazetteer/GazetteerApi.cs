using System.Globalization;
using Borderlink.Features.Reference;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Gazetteer;

public sealed record GazetteerNames(string En, string Vi, string Zh, string Fr);

public sealed record SuccessionDto(string Code, string Name, DateOnly Since, string Message);

public sealed record GazetteerResultDto(string Kind, string Code, string Name, GazetteerNames Names, string? Party, double Score, SuccessionDto? SucceededBy);

/// <summary>GET /api/v1/gazetteer?q=: places, parties and gates from any spelling, ranked.</summary>
public static class GazetteerApi
{
    public static IEndpointRouteBuilder MapGazetteerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/gazetteer", async (GazetteerIndex index, IStringLocalizer<SharedResource> L, string? q, int? limit, CancellationToken ct) =>
            {
                var hits = await index.SearchAsync(q, limit ?? 20, ct);
                var entries = await index.EntriesAsync(ct);
                return TypedResults.Ok(hits.Select(h => ToDto(h, entries, L)).ToList());
            })
            .RequireAuthorization(Policies.Reader)
            .WithTags("Reference data").WithName("SearchGazetteer")
            .WithSummary("Find a place, party or gate pair by any name, alias or misspelling, in any of the four languages.");
        return app;
    }

    public static GazetteerResultDto ToDto(GazetteerHit hit, IReadOnlyList<GazetteerEntry> entries, IStringLocalizer L)
    {
        var e = hit.Entry;
        return new GazetteerResultDto(e.Kind.ToString(), e.Code, e.Names.Name(),
            new GazetteerNames(e.Names.NameEn, e.Names.NameVi, e.Names.NameZh, e.Names.NameFr), e.PartyCode, Math.Round(hit.Score, 3),
            Succession(e, entries, L));
    }

    /// <summary>"Ha Giang has been part of Tuyen Quang since 2025-07-01", from the party's validity and successor.</summary>
    public static SuccessionDto? Succession(GazetteerEntry entry, IReadOnlyList<GazetteerEntry> entries, IStringLocalizer L)
    {
        if (entry.ValidTo is not { } end || entry.SuccessorCode is not { } successorCode) return null;
        var successor = entries.FirstOrDefault(x => x.Kind == GazetteerKind.Party && x.Code == successorCode);
        var since = end.AddDays(1);
        var successorName = successor?.Names.Name() ?? successorCode;
        return new SuccessionDto(successorCode, successorName, since,
            L["Gazetteer.SucceededBy", entry.Names.Name(), successorName, since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
    }
}
