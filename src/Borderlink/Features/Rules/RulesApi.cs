using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Rules;

public sealed record RuleAnswerDto(Guid Id, string Party, RuleAnswerKind Kind, string Note, DateTimeOffset AnsweredAt)
{
    public static RuleAnswerDto From(SharedRuleAnswer a) => new(a.Id, a.OwnerParty, a.Kind, a.Note, a.AnsweredAt);
}

/// <param name="State">Where the rule stands, the same on every node that holds it and its answers.</param>
/// <param name="Since">When it came into force, was declined, ended, withdrawn or superseded.</param>
/// <param name="Awaiting">The parties whose answer it still waits for.</param>
public sealed record RuleDto(Guid Id, string OwnerParty, long Version, RuleKind Kind, string Subject, int Value, IReadOnlyList<string> Parties, string Reason,
    string Language, DateTimeOffset CreatedAt, RuleState State, DateTimeOffset? Since, IReadOnlyList<string> Awaiting, IReadOnlyList<RuleAnswerDto> Answers)
{
    public static RuleDto From(RuleStatus s) => new(s.Rule.Id, s.Rule.OwnerParty, s.Rule.Version, s.Rule.Kind, s.Rule.Subject, s.Rule.Value, s.Rule.PartyList,
        s.Rule.Reason, s.Rule.Language, s.Rule.CreatedAt, s.State, s.Since, s.Awaiting, s.Answers.Select(RuleAnswerDto.From).ToList());
}

/// <summary>/api/v1/rules — the rules both sides compute with, proposed by one party and in force once the others accept.</summary>
public static class RulesApi
{
    public const string Path = "/api/v1/rules";

    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Shared rules").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (BorderlinkDb db, RuleKind? kind, string? subject, CancellationToken ct) =>
                TypedResults.Ok((await RuleStates.ListAsync(db, kind, subject, ct: ct)).Select(RuleDto.From).ToList()))
            .WithName("ListRules").WithSummary("The shared rules the caller's party is bound by or was asked to accept, newest first, each with where it stands (kind, subject: filters).");
        group.MapGet("/{id:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await DtoAsync(db, L, await RecordLoader.LoadAsync<SharedRule>(db, id, RecordOperation.Read, ct), null, ct))
            .WithName("GetRule").WithSummary("One shared rule with its parties' answers.").Produces<RuleDto>().ProducesProblem(404);
        group.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, ProposeRule.Request request, CancellationToken ct) =>
            {
                var outcome = await ProposeRule.HandleAsync(db, clock, request, ct);
                return await DtoAsync(db, L, outcome, outcome is Outcome<SharedRule>.Done d ? $"{Path}/{d.Value.Id}" : null, ct);
            })
            .RequireAuthorization(Policies.Liaison)
            .WithName("ProposeRule").WithSummary("Propose a rule to partner parties (kind AcknowledgementHours: subject a disease code, value 1–336 hours; "
                + "kind ReportingDueDays: subject week or day, value 0–14 days). It applies once every party named has accepted it.")
            .Produces<RuleDto>(201).ProducesValidationProblem().ProducesProblem(403);
        group.MapPost("/{id:guid}/answers", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, AnswerRule.Request request,
                CancellationToken ct) =>
                ApiResults.From(await AnswerRule.HandleAsync(db, clock, id, request, ct), L, RuleAnswerDto.From, a => a.Version,
                    $"{Path}/{id}"))
            .RequireAuthorization(Policies.Liaison)
            .WithName("AnswerRule").WithSummary("A party the rule would bind accepts or declines it (a note says why), or ends a rule it accepted (note required).")
            .Produces<RuleAnswerDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/withdrawal", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id,
                CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    await DtoAsync(db, L, await WithdrawRule.HandleAsync(db, clock, id, version, ct), null, ct)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("WithdrawRule").WithSummary("The proposing party withdraws its rule (If-Match): the law applies again to what is sent from then on.")
            .Produces<RuleDto>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static async Task<IResult> DtoAsync(BorderlinkDb db, IStringLocalizer L, Outcome<SharedRule> outcome, string? location, CancellationToken ct)
    {
        var status = outcome is Outcome<SharedRule>.Done { Value: var rule } ? await RuleStates.OfAsync(db, rule, ct) : null;
        return ApiResults.From(outcome, L, _ => RuleDto.From(status!), r => r.Version, location);
    }
}
