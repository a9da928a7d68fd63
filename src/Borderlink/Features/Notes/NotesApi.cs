using Borderlink.Data;
using Borderlink.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Notes;

/// <summary>/api/v1/liaison-notes: list, read, create, edit (owner only), share.</summary>
public static class NotesApi
{
    public static IEndpointRouteBuilder MapNotesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/liaison-notes").WithTags("Liaison notes").RequireAuthorization(Policies.Reader);

        group.MapGet("/", async (BorderlinkDb db, string? owner, string? q, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok((await ListNotes.HandleAsync(db, new(owner, q, page ?? 1, pageSize ?? 25), ct)).Map(NoteDto.From)))
            .WithName("ListLiaisonNotes").WithSummary("Notes the caller may see, newest first.");

        group.MapGet("/{id:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await Sharing.RecordLoader.LoadAsync<LiaisonNote>(db, id, Sharing.RecordOperation.Read, ct), L, NoteDto.From, n => n.Version))
            .WithName("GetLiaisonNote").WithSummary("One note; 404 when it does not exist or is not visible to the caller.")
            .Produces<NoteDto>().ProducesProblem(404);

        group.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, CreateNote.Request request,
                [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct) =>
            {
                var outcome = await CreateNote.HandleAsync(db, clock, request, idempotencyKey, ct);
                var location = outcome is Outcome<LiaisonNote>.Done d ? $"/api/v1/liaison-notes/{d.Value.Id}" : null;
                return ApiResults.From(outcome, L, NoteDto.From, n => n.Version, location);
            })
            .RequireAuthorization(Policies.Officer)
            .WithName("CreateLiaisonNote").WithSummary("Write a note. Send Idempotency-Key (or a client id) so a retry creates one note.")
            .Produces<NoteDto>(201).ProducesValidationProblem().ProducesProblem(403);

        group.MapPut("/{id:guid}", async (HttpRequest http, BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, EditNote.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await EditNote.HandleAsync(db, id, version, request, ct), L, NoteDto.From, n => n.Version)))
            .RequireAuthorization(Policies.Officer)
            .WithName("EditLiaisonNote").WithSummary("Change a note of the caller's party. Requires If-Match with the version read; 412 when stale.")
            .Produces<NoteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

        group.MapPut("/{id:guid}/visibility", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id,
                Sharing.ShareRecord.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await ShareNote.HandleAsync(db, clock, id, version, request, ct), L, NoteDto.From, n => n.Version)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("ShareLiaisonNote").WithSummary("Share with partner parties, restrict to agency functions, or make Internal again.")
            .Produces<NoteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);

        group.MapPut("/{id:guid}/translations/{language}", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id,
                string language, TranslateNote.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await TranslateNote.HandleAsync(db, clock, id, language, version, request, ct), L, NoteDto.From, n => n.Version)))
            .RequireAuthorization(Policies.Officer)
            .WithName("TranslateLiaisonNote").WithSummary("Add or replace the translation into one language (vi, zh-Hans, en, fr) beside the original.")
            .Produces<NoteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);

        return app;
    }
}
