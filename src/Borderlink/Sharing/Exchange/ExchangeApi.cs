using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Sharing.Exchange;

/// <summary>/api/v1/exchange: node card, partners and their status, retry, key rotation — for administrators.</summary>
public static class ExchangeApi
{
    public static IEndpointRouteBuilder MapExchangeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exchange").WithTags("Exchange").RequireAuthorization(Policies.Administrator);
        group.MapGet("/node-card", async (NodeCards cards, CancellationToken ct) => TypedResults.Ok(await cards.ExportAsync(ct)))
            .WithName("ExportNodeCard").WithSummary("This node's card, to give to a partner's administrator.");
        group.MapPost("/partners", async (NodeCards cards, IStringLocalizer<SharedResource> L, NodeCard card, CancellationToken ct) =>
                ApiResults.From(await cards.ImportAsync(card, ct), L, p => p.NodeId))
            .WithName("ImportPartnerCard").WithSummary("Import (or replace) a partner's node card: its address, parties and public keys.")
            .Produces<string>(201).ProducesValidationProblem();
        group.MapGet("/partners", async (ExchangeAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.PartnersAsync(ct)))
            .WithName("ListPartners").WithSummary("Partners with last contact, queue length, oldest queued message, failures.");
        group.MapGet("/partners/{nodeId}/messages", async (ExchangeAdmin admin, string nodeId, string? status, int? take, CancellationToken ct) =>
                TypedResults.Ok(await admin.MessagesAsync(nodeId, status, take ?? 100, ct)))
            .WithName("ListPartnerMessages").WithSummary("Outgoing messages to one partner, newest first; ?status=failed to inspect failures.");
        group.MapPost("/partners/{nodeId}/retry", async (ExchangeAdmin admin, string nodeId, LocalNode node, CancellationToken ct) =>
            {
                var count = await admin.RetryAsync(nodeId, ct);
                node.Ring();
                return TypedResults.Ok(new Requeued(count));
            })
            .WithName("RetryPartner").WithSummary("Queue failed messages again and send waiting ones now.");
        group.MapPost("/partners/{nodeId}/retirement", async (NodeCards cards, ExchangeAdmin admin, IStringLocalizer<SharedResource> L, string nodeId, CancellationToken ct) =>
                await cards.RetireAsync(nodeId, ct) is Outcome<PartnerNode>.Done
                    ? Results.Ok((await admin.PartnersAsync(ct)).Single(p => p.NodeId == nodeId))
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("RetirePartner").WithSummary("Retire a partner's card: nothing more is sent to or accepted from it, and its parties may be claimed by another card.");
        group.MapPost("/node-keys", async (NodeKeys keys, CancellationToken ct) => TypedResults.Ok(new NodeKeyId((await keys.AddAsync(ct)).Kid)))
            .WithName("AddNodeKey").WithSummary("Rotation, step one: add a key to the card (not signing yet). Give partners the new card.");
        group.MapPost("/node-keys/{kid}/activate", async (NodeKeys keys, string kid, CancellationToken ct) =>
                await keys.ActivateAsync(kid, ct) is { } key ? Results.Ok(new NodeKeyId(key.Kid)) : Results.NotFound())
            .WithName("ActivateNodeKey").WithSummary("Rotation, step two: sign with the added key from now on; earlier keys retire.");
        return app;
    }
}

/// <summary>How many failed messages a retry queued again.</summary>
public sealed record Requeued([property: System.Text.Json.Serialization.JsonPropertyName("requeued")] int Count);

/// <summary>A node key by its id (the "kid" partners see on the card).</summary>
public sealed record NodeKeyId(string Kid);
