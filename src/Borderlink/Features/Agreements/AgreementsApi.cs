using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Agreements;

public sealed record AgreementDocumentDto(Guid Id, Guid AgreementId, string FileName, string ContentType, int Size, string Sha256, DateTimeOffset CreatedAt)
{
    public static AgreementDocumentDto From(AgreementDocument d) => new(d.Id, d.AgreementId, d.FileName, d.ContentType, d.Size, d.Sha256, d.CreatedAt);
}

public sealed record AgreementDto(Guid Id, string OwnerParty, long Version, AgreementKind Kind, string Title, string Summary, string Language,
    IReadOnlyList<string> Parties, DateOnly? SignedOn, DateOnly? EffectiveFrom, DateOnly? ExpiresOn, AgreementStatus RecordedStatus, AgreementStatus Status,
    IReadOnlyList<AgreementMeeting> Meetings)
{
    public static AgreementDto From(Agreement a, DateOnly today) => new(a.Id, a.OwnerParty, a.Version, a.Kind, a.Title, a.Summary, a.Language, a.PartyList,
        a.SignedOn, a.EffectiveFrom, a.ExpiresOn, a.Status, a.StatusOn(today), a.Meetings);
}

/// <summary>/api/v1/agreements — memoranda of understanding and agreements, their meetings and documents.</summary>
public static class AgreementsApi
{
    public const string Path = "/api/v1/agreements";

    public static IEndpointRouteBuilder MapAgreementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Agreements").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (BorderlinkDb db, TimeProvider clock, Guid? meetingId, CancellationToken ct) =>
                TypedResults.Ok((await ListAsync(db, meetingId, ct)).Select(a => AgreementDto.From(a, Today(clock))).ToList()))
            .WithName("ListAgreements").WithSummary("Agreements the caller's party is party to, latest signed first (meetingId: those a meeting made or reviewed).");
        group.MapGet("/{id:guid}", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await RecordLoader.LoadAsync<Agreement>(db, id, RecordOperation.Read, ct), L, a => AgreementDto.From(a, Today(clock)), a => a.Version))
            .WithName("GetAgreement").WithSummary("One agreement; its status is Expired once in force past its expiry date.").Produces<AgreementDto>().ProducesProblem(404);
        group.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, KeepAgreements.Request request, CancellationToken ct) =>
            {
                var outcome = await KeepAgreements.CreateAsync(db, clock, request, ct);
                return ApiResults.From(outcome, L, a => AgreementDto.From(a, Today(clock)), a => a.Version,
                    outcome is Outcome<Agreement>.Done d ? $"{Path}/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Liaison)
            .WithName("RecordAgreement").WithSummary("Record an agreement of the caller's party with partner parties (shared with them), linked to the meetings that made or reviewed it.")
            .Produces<AgreementDto>(201).ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, KeepAgreements.Request request,
                CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await KeepAgreements.ChangeAsync(db, clock, id, version, request, ct), L, a => AgreementDto.From(a, Today(clock)), a => a.Version)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("ChangeAgreement").WithSummary("Change an agreement the caller's party keeps (If-Match): status, dates, parties, meetings.")
            .Produces<AgreementDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        group.MapGet("/{id:guid}/documents", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await RecordLoader.LoadAsync<Agreement>(db, id, RecordOperation.Read, ct) is Outcome<Agreement>.Done
                    ? Results.Ok(await DocumentsAsync(db, id, ct))
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("ListAgreementDocuments").WithSummary("The documents of an agreement (without their content).")
            .Produces<List<AgreementDocumentDto>>().ProducesProblem(404);
        group.MapPost("/{id:guid}/documents", async (HttpRequest http, BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, string? name, CancellationToken ct) =>
            {
                var outcome = await KeepAgreements.AddDocumentAsync(db, id, name, http.Body, ct);
                return ApiResults.From(outcome, L, AgreementDocumentDto.From, d => d.Version,
                    outcome is Outcome<AgreementDocument>.Done d ? $"{Path}/{id}/documents/{d.Value.Id}" : null);
            })
            .RequireAuthorization(Policies.Officer)
            .WithMetadata(new RequestSizeLimitAttribute(AgreementDocument.MaxBytes + 64 * 1024))
            .Accepts<Stream>("application/pdf", "image/png", "image/jpeg", "image/webp")
            .WithName("AddAgreementDocument").WithSummary("File a document (PDF or image, at most 10 MB) as the request body; ?name= gives its file name.")
            .Produces<AgreementDocumentDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(413);
        group.MapGet("/{id:guid}/documents/{documentId:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, Guid documentId, CancellationToken ct) =>
                await RecordLoader.LoadAsync<AgreementDocument>(db, documentId, RecordOperation.Read, ct) is Outcome<AgreementDocument>.Done { Value: var d } && d.AgreementId == id
                    ? Results.File(d.Content, d.ContentType, d.FileName)
                    : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("DownloadAgreementDocument").WithSummary("One document of an agreement, as a download.").ProducesProblem(404);
        return app;
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<List<Agreement>> ListAsync(BorderlinkDb db, Guid? meetingId, CancellationToken ct)
    {
        var list = await db.Agreements.AsNoTracking().OrderByDescending(a => a.SignedOn).ThenBy(a => a.Title).Take(500).ToListAsync(ct);
        return meetingId is { } id ? list.Where(a => a.Meetings.Any(m => m.MeetingId == id)).ToList() : list;
    }

    public static async Task<List<AgreementDocumentDto>> DocumentsAsync(BorderlinkDb db, Guid id, CancellationToken ct) =>
        (await db.AgreementDocuments.AsNoTracking().Where(d => d.AgreementId == id).OrderBy(d => d.CreatedAt)
            .Select(d => new { d.Id, d.AgreementId, d.FileName, d.ContentType, d.Size, d.Sha256, d.CreatedAt }).ToListAsync(ct))
        .Select(d => new AgreementDocumentDto(d.Id, d.AgreementId, d.FileName, d.ContentType, d.Size, d.Sha256, d.CreatedAt)).ToList();
}
