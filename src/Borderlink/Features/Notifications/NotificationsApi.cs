using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Notifications;

/// <summary>/api/v1/notifications: the inbox, drafting, sending, updates, acknowledgements and answers.</summary>
public static class NotificationsApi
{
    public const string Path = "/api/v1/notifications";

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Notifications").RequireAuthorization(Policies.Reader);

        group.MapGet("/", async (BorderlinkDb db, TimeProvider clock, InboxBox? box, string? disease, string? partner, DateOnly? from, DateOnly? to,
                int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok((await NotificationQueries.ListAsync(db, clock, new(box ?? InboxBox.All, disease, partner, from, to, page ?? 1, pageSize ?? 25), ct))
                    .Map(NotificationDto.From)))
            .WithName("ListNotifications")
            .WithSummary("The caller's inbox: box=All|Awaiting|Overdue|Unacknowledged|Unread|Drafts, filters disease, partner, from, to (UTC dates).");

        group.MapGet("/{id:guid}", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await AnswerAsync(db, clock, L, await RecordLoader.LoadAsync<EventNotification>(db, id, RecordOperation.Read, ct), ct))
            .WithName("GetNotification").WithSummary("One notification with each addressee's acknowledgement; 404 when not visible to the caller.")
            .Produces<NotificationDto>().ProducesProblem(404);

        group.MapPost("/", async (BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock, IStringLocalizer<SharedResource> L, NotificationContent request,
                [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct) =>
                await AnswerAsync(db, clock, L, await DraftNotification.HandleAsync(db, gazetteer, clock, request, idempotencyKey, ct), ct, created: true))
            .RequireAuthorization(Policies.Officer)
            .WithName("DraftNotification").WithSummary("Draft a notification (Internal until sent). Places are names or codes, resolved through the gazetteer.")
            .Produces<NotificationDto>(201).ProducesValidationProblem().ProducesProblem(403);

        group.MapPut("/{id:guid}", async (HttpRequest http, BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock, IStringLocalizer<SharedResource> L,
                Guid id, NotificationContent request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    await AnswerAsync(db, clock, L, await ChangeNotification.HandleAsync(db, gazetteer, clock, id, version, request, ct), ct)))
            .RequireAuthorization(Policies.Officer)
            .WithName("ChangeNotification").WithSummary("Edit a draft, or (liaison) publish an update of a sent notification; the previous revision stays readable. If-Match required.")
            .Produces<NotificationDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

        group.MapPost("/{id:guid}/send", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id,
                SendNotification.Request? request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    await AnswerAsync(db, clock, L, await SendNotification.HandleAsync(db, clock, id, version, request ?? new(), ct), ct)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("SendNotification").WithSummary("Send a draft to its addressees (or the ones given); starts each addressee's acknowledgement clock.")
            .Produces<NotificationDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        group.MapPost("/{id:guid}/close", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    await AnswerAsync(db, clock, L, await CloseNotification.HandleAsync(db, clock, id, version, ct), ct)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("CloseNotification").WithSummary("Close a sent notification; it stays readable and answerable.")
            .Produces<NotificationDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        group.MapPut("/{id:guid}/translations/{language}", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id,
                string language, TranslateNotification.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    await AnswerAsync(db, clock, L, await TranslateNotification.HandleAsync(db, clock, id, language, version, request, ct), ct)))
            .RequireAuthorization(Policies.Officer)
            .WithName("TranslateNotification").WithSummary("Add or replace the translation of the free text into one language (owner only).")
            .Produces<NotificationDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);

        group.MapPost("/{id:guid}/acknowledgement", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, AcknowledgeRequest? request, CancellationToken ct) =>
                ApiResults.From(await RespondToNotification.HandleAsync(db, id, new(ResponseKind.Acknowledgement, request?.Text, request?.Language), ct),
                    L, ResponseDto.From, r => r.Version, $"{Path}/{id}/responses"))
            .RequireAuthorization(Policies.Officer)
            .WithName("AcknowledgeNotification").WithSummary("Acknowledge for the caller's party (an addressee). A second call answers with the first acknowledgement.")
            .Produces<ResponseDto>(201).Produces<ResponseDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        group.MapGet("/{id:guid}/responses", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await RecordLoader.LoadAsync<EventNotification>(db, id, RecordOperation.Read, ct) is Outcome<EventNotification>.Done
                    ? Results.Ok((await NotificationQueries.ResponsesAsync(db, id, ct)).Select(ResponseDto.From))
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("ListNotificationResponses").WithSummary("The thread: acknowledgements, requests for information, measures taken and information the caller may see.")
            .Produces<List<ResponseDto>>().ProducesProblem(404);

        group.MapPost("/{id:guid}/responses", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, RespondToNotification.Request request, CancellationToken ct) =>
                ApiResults.From(await RespondToNotification.HandleAsync(db, id, request, ct), L, ResponseDto.From, r => r.Version, $"{Path}/{id}/responses"))
            .RequireAuthorization(Policies.Officer)
            .WithName("RespondToNotification").WithSummary("Answer with a record of the caller's party: InformationRequest, MeasuresTaken or Information (Acknowledgement also accepted).")
            .Produces<ResponseDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        group.MapGet("/{id:guid}/attachments", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await RecordLoader.LoadAsync<EventNotification>(db, id, RecordOperation.Read, ct) is Outcome<EventNotification>.Done
                    ? Results.Ok(await AttachmentsAsync(db, id, ct))
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("ListNotificationAttachments").WithSummary("The files attached to a notification (without their content).")
            .Produces<List<AttachmentDto>>().ProducesProblem(404);

        group.MapPost("/{id:guid}/attachments", async (HttpRequest http, BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, string? name, CancellationToken ct) =>
            {
                var outcome = await AttachToNotification.HandleAsync(db, id, name, http.Body, ct);
                var location = outcome is Outcome<NotificationAttachment>.Done d ? $"{Path}/{id}/attachments/{d.Value.Id}" : null;
                return ApiResults.From(outcome, L, AttachmentDto.From, a => a.Version, location);
            })
            .RequireAuthorization(Policies.Officer)
            .WithMetadata(new RequestSizeLimitAttribute(NotificationAttachment.MaxBytes + 64 * 1024))
            .Accepts<Stream>("application/pdf", "image/png", "image/jpeg", "image/webp")
            .WithName("AttachToNotification")
            .WithSummary("Attach a PDF or image (at most 5 MB, 10 per notification) as the request body; ?name= gives its file name. The type is read from the content.")
            .Produces<AttachmentDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(413);

        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, Guid attachmentId,
                CancellationToken ct) =>
                await RecordLoader.LoadAsync<NotificationAttachment>(db, attachmentId, RecordOperation.Read, ct) is Outcome<NotificationAttachment>.Done { Value: var a }
                    && a.NotificationId == id
                    ? Results.File(a.Content, a.ContentType, a.FileName)
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("DownloadNotificationAttachment").WithSummary("One attached file, as a download.")
            .ProducesProblem(404);

        return app;
    }

    public sealed record AcknowledgeRequest(string? Text, string? Language);

    public static async Task<List<AttachmentDto>> AttachmentsAsync(BorderlinkDb db, Guid notificationId, CancellationToken ct) =>
        await db.NotificationAttachments.AsNoTracking().Where(a => a.NotificationId == notificationId).OrderBy(a => a.CreatedAt)
            .Select(a => new AttachmentDto(a.Id, a.NotificationId, a.OwnerParty, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt, a.CreatedBy))
            .ToListAsync(ct);

    private static async Task<IResult> AnswerAsync(BorderlinkDb db, TimeProvider clock, IStringLocalizer L, Outcome<EventNotification> outcome, CancellationToken ct,
        bool created = false)
    {
        if (outcome is not Outcome<EventNotification>.Done { Value: var n } done)
        {
            return ApiResults.From(outcome, L, n => n.Id);
        }
        var row = (await NotificationQueries.RowsAsync(db, [n], clock.GetUtcNow(), ct))[0];
        var dto = NotificationDto.From(row);
        var result = created && done.Created ? ApiResults.From(new Outcome<NotificationDto>.Done(dto, true), L, d => d, d => d.Version, $"{Path}/{n.Id}")
            : ApiResults.From(new Outcome<NotificationDto>.Done(dto), L, d => d, d => d.Version);
        return result;
    }
}
