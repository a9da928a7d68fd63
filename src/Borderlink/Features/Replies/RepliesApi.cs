using Borderlink.Data;
using Borderlink.Features.Translation;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Replies;

/// <summary>A reply as the API gives it, with the translations of its text the caller may see.</summary>
public sealed record ReplyDto(Guid Id, string OwnerParty, string AboutType, Guid AboutId, string Text, string Language, Visibility Visibility,
    IReadOnlyList<string> Audience, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<TextTranslationDto> Translations)
{
    public static ReplyDto From(RecordReply r, IEnumerable<TextTranslation> translations) => new(r.Id, r.OwnerParty, r.AboutType, r.AboutId, r.Text, r.Language,
        r.Visibility, r.Audience, r.CreatedAt, r.CreatedBy,
        translations.Where(t => t.TargetId == r.Id).Select(t => TextTranslationDto.From(t, TranslatableField.Hash(r.Text) != t.SourceHash)).ToList());
}

/// <summary>/api/v1/records/{type}/{id}/replies: the thread under any record the caller sees.</summary>
public static class RepliesApi
{
    public static IEndpointRouteBuilder MapRepliesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/records/{type}/{id:guid}/replies").WithTags("Replies").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, string type, Guid id, CancellationToken ct) =>
            {
                if (type == RecordReply.TypeName || await RecordLoader.LoadAnyAsync(db, type, id, RecordOperation.Read, ct) is not Outcome<CoordinationRecord>.Done)
                    return ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound");
                var replies = await ListReplies.HandleAsync(db, type, id, ct);
                var translations = await ThreadTranslations.OfAsync(db, replies, ct);
                return TypedResults.Ok(replies.Select(r => ReplyDto.From(r, translations)).ToList());
            })
            .WithName("ListReplies").WithSummary("The replies to a record the caller sees, oldest first, each with its translations; 404 when the record is not visible.")
            .Produces<List<ReplyDto>>().ProducesProblem(404);
        group.MapPost("/", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, string type, Guid id, ReplyToRecord.Request request, CancellationToken ct) =>
                ApiResults.From(await ReplyToRecord.HandleAsync(db, type, id, request, ct), L, r => ReplyDto.From(r, []), location: $"/api/v1/records/{type}/{id}/replies"))
            .RequireAuthorization(Policies.Officer)
            .WithName("ReplyToRecord")
            .WithSummary("Answer a record the caller's party sees: a partner's reply is shared with the owner, the owner's with everyone the record is shared with.")
            .Produces<ReplyDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        return app;
    }
}
