using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Goods;

public sealed record GoodsListDto(Guid Id, string OwnerParty, string GatePair, long Version, IReadOnlyList<GoodsItem> Items)
{
    public static GoodsListDto From(GoodsList l) => new(l.Id, l.OwnerParty, l.GatePair, l.Version, l.Items);
}

public sealed record GoodsAnswerDto(Guid Id, string Party, ProposalAnswerKind Kind, string Note, Guid? CounterProposalId)
{
    public static GoodsAnswerDto From(GoodsProposalAnswer a) => new(a.Id, a.OwnerParty, a.Kind, a.Note, a.CounterProposalId);
}

public sealed record GoodsProposalDto(Guid Id, string OwnerParty, string GatePair, IReadOnlyList<GoodsItem> Items, string Message, Guid? CounterTo, DateTimeOffset CreatedAt,
    IReadOnlyList<GoodsAnswerDto> Answers)
{
    public static GoodsProposalDto From(GoodsProposal p, IEnumerable<GoodsProposalAnswer> answers) => new(p.Id, p.OwnerParty, p.GatePair, p.Items, p.Message, p.CounterTo,
        p.CreatedAt, answers.Where(a => a.ProposalId == p.Id).Select(GoodsAnswerDto.From).ToList());
}

/// <summary>/api/v1/gates/{code}/goods — each side's list of goods allowed and priority goods, and proposals to extend them.</summary>
public static class GoodsApi
{
    public static IEndpointRouteBuilder MapGoodsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/gates/{code}/goods").WithTags("Goods").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (BorderlinkDb db, string code, CancellationToken ct) =>
                TypedResults.Ok((await db.GoodsLists.AsNoTracking().Where(l => l.GatePair == code).ToListAsync(ct)).Select(GoodsListDto.From).ToList()))
            .WithName("GoodsLists").WithSummary("Both sides' lists of goods allowed through a gate pair (priority goods marked), as far as shared with the caller.");
        group.MapPut("/", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, string code, KeepGoods.ListRequest request, CancellationToken ct) =>
                ApiResults.From(await KeepGoods.SetListAsync(db, code, request, ct), L, GoodsListDto.From, l => l.Version))
            .RequireAuthorization(Policies.Officer)
            .WithName("SetGoodsList").WithSummary("Set the caller's side's list for the gate pair (each item: name, hsCode, priority, effectiveFrom).")
            .Produces<GoodsListDto>().ProducesValidationProblem().ProducesProblem(403);
        group.MapGet("/proposals", async (BorderlinkDb db, string code, CancellationToken ct) => TypedResults.Ok(await ProposalsAsync(db, code, ct)))
            .WithName("GoodsProposals").WithSummary("Proposals to extend the lists of a gate pair, with their answers.");
        group.MapPost("/proposals", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, string code, KeepGoods.ProposalRequest request, CancellationToken ct) =>
            {
                var outcome = await KeepGoods.ProposeAsync(db, code, request, null, ct);
                return ApiResults.From(outcome, L, p => GoodsProposalDto.From(p, []), p => p.Version);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("ProposeGoods").WithSummary("Propose to the side across the gate to extend the list with these items.")
            .Produces<GoodsProposalDto>(201).ProducesValidationProblem().ProducesProblem(403);
        app.MapPost("/api/v1/goods-proposals/{id:guid}/answer", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, KeepGoods.AnswerRequest request,
                CancellationToken ct) =>
                ApiResults.From(await KeepGoods.AnswerAsync(db, id, request, ct), L, GoodsAnswerDto.From))
            .RequireAuthorization(Policies.Officer).WithTags("Goods")
            .WithName("AnswerGoodsProposal").WithSummary("The side a proposal was sent to accepts it (its items join its list), refuses it (note), or makes a counter-proposal (counterItems).")
            .Produces<GoodsAnswerDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        app.MapPost("/api/v1/goods-proposals/{id:guid}/apply", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await KeepGoods.ApplyAcceptedAsync(db, id, ct), L, GoodsListDto.From, l => l.Version))
            .RequireAuthorization(Policies.Officer).WithTags("Goods")
            .WithName("ApplyAcceptedGoods").WithSummary("The proposing side takes the accepted items into its own list.")
            .Produces<GoodsListDto>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    public static async Task<List<GoodsProposalDto>> ProposalsAsync(BorderlinkDb db, string gate, CancellationToken ct)
    {
        var proposals = await db.GoodsProposals.AsNoTracking().Where(p => p.GatePair == gate).OrderByDescending(p => p.CreatedAt).Take(200).ToListAsync(ct);
        var ids = proposals.Select(p => p.Id).ToList();
        var answers = await db.GoodsProposalAnswers.AsNoTracking().Where(a => ids.Contains(a.ProposalId)).ToListAsync(ct);
        return proposals.Select(p => GoodsProposalDto.From(p, answers)).ToList();
    }
}
