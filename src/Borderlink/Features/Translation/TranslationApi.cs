using Borderlink.Data;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Translation;

public sealed record TranslationRequestDto(Guid Id, string OwnerParty, string TargetType, Guid TargetId, string Field, string IntoLanguage, string Note, bool Withdrawn,
    DateTimeOffset CreatedAt)
{
    public static TranslationRequestDto From(TranslationRequest r) => new(r.Id, r.OwnerParty, r.TargetType, r.TargetId, r.Field, r.IntoLanguage, r.Note, r.Withdrawn, r.CreatedAt);
}

public sealed record TextTranslationDto(Guid Id, string OwnerParty, long Version, string TargetType, Guid TargetId, string Field, string Language, string Text,
    string TranslatedBy, bool Outdated, DateTimeOffset UpdatedAt)
{
    public static TextTranslationDto From(TextTranslation t, bool outdated) =>
        new(t.Id, t.OwnerParty, t.Version, t.TargetType, t.TargetId, t.Field, t.Language, t.Text, t.TranslatedBy, outdated, t.UpdatedAt);
}

/// <summary>/api/v1/translations (the queue, requests, translations) and /api/v1/glossary.</summary>
public static class TranslationApi
{
    public const string Path = "/api/v1/translations";

    public static IEndpointRouteBuilder MapTranslationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Translation").RequireAuthorization(Policies.Reader);
        group.MapGet("/queue", async (BorderlinkDb db, CancellationToken ct) => TypedResults.Ok(await TranslateText.QueueAsync(db, ct)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("TranslationQueue").WithSummary("Texts waiting for a translation that the caller's party may work: open requests, and its own notes and notifications flagged.");
        group.MapGet("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, string targetType, Guid targetId, CancellationToken ct) =>
                await Translatable.LoadAsync(db, targetType, targetId, ct) is { } record
                    ? Results.Ok((await TranslateText.OfAsync(db, record, ct)).Select(s => TextTranslationDto.From(s.Translation, s.Outdated)).ToList())
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("ListTranslations").WithSummary("The translations of a record's text fields (outdated when the original changed since).")
            .Produces<List<TextTranslationDto>>().ProducesProblem(404);
        group.MapPost("/", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, TranslateText.Give request, CancellationToken ct) =>
                ApiResults.From(await TranslateText.GiveAsync(db, request, ct), L, t => TextTranslationDto.From(t, false), t => t.Version))
            .RequireAuthorization(Policies.Liaison)
            .WithName("Translate").WithSummary("Give the caller's party's translation of a field (targetType, targetId, field) into a language; seen by exactly those who see the original.")
            .Produces<TextTranslationDto>().Produces<TextTranslationDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        var requests = app.MapGroup("/api/v1/translation-requests").WithTags("Translation").RequireAuthorization(Policies.Officer);
        requests.MapPost("/", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, TranslateText.Ask request, CancellationToken ct) =>
                ApiResults.From(await TranslateText.AskAsync(db, request, ct), L, TranslationRequestDto.From))
            .WithName("RequestTranslation").WithSummary("Ask for a field of a record in another language; the record's owner sees the request too.")
            .Produces<TranslationRequestDto>(201).ProducesValidationProblem().ProducesProblem(404);
        requests.MapPost("/{id:guid}/withdrawal", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await TranslateText.WithdrawAsync(db, id, ct), L, TranslationRequestDto.From))
            .WithName("WithdrawTranslationRequest").WithSummary("Withdraw a request of the caller's party.").Produces<TranslationRequestDto>().ProducesProblem(403).ProducesProblem(404);

        var glossary = app.MapGroup("/api/v1/glossary").WithTags("Translation").RequireAuthorization(Policies.Reader);
        glossary.MapGet("/", async (BorderlinkDb db, string? q, string? category, CancellationToken ct) => TypedResults.Ok(await Glossary.SearchAsync(db, q, category, ct)))
            .WithName("SearchGlossary").WithSummary("Standard terms in vi, zh, en and fr — diseases, parties, agencies, gates, measures, the mechanism — found in any language and spelling.");
        glossary.MapPut("/{code}", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, string code, TermRequest r, CancellationToken ct) =>
                ApiResults.From(await Glossary.SaveTermAsync(db, clock, code, r.Category, r.En, r.Vi, r.Zh, r.Fr, ct), L, t => new GlossaryEntry(t.Category, t.Code, t.NameEn, t.NameVi, t.NameZh, t.NameFr)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("SaveGlossaryTerm").WithSummary("Add or correct a standard term of category measure or mechanism, in all four languages.")
            .Produces<GlossaryEntry>().Produces<GlossaryEntry>(201).ProducesValidationProblem().ProducesProblem(403);
        return app;
    }

    public sealed record TermRequest(string? Category, string? En, string? Vi, string? Zh, string? Fr);
}
