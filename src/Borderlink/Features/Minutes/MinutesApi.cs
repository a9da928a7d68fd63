using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Minutes;

public sealed record SignatureDto(Guid Id, string Party, string SignatoryName, string SignatoryTitle, DateTimeOffset SignedAt, long MinutesVersion)
{
    public static SignatureDto From(MinutesSignature s) => new(s.Id, s.OwnerParty, s.SignatoryName, s.SignatoryTitle, s.SignedAt, s.MinutesVersion);
}

public sealed record MinutesDto(Guid Id, string OwnerParty, long Version, Guid MeetingId, Guid? AmendsId, int AmendmentNumber, string LanguageA, string LanguageB,
    string TitleA, string TitleB, IReadOnlyList<MinutesParagraph> Paragraphs, IReadOnlyList<string> SigningParties, IReadOnlyList<SignatureDto> Signatures,
    IReadOnlyList<string> AwaitingParties, bool Locked, DateTimeOffset? LockedAt)
{
    public static MinutesDto From(MeetingMinutes m, MinutesState state) => new(m.Id, m.OwnerParty, m.Version, m.MeetingId, m.AmendsId, m.AmendmentNumber,
        m.LanguageA, m.LanguageB, m.TitleA, m.TitleB, m.Paragraphs, m.Signers, state.CurrentSignatures.Select(SignatureDto.From).ToList(), state.AwaitingParties,
        state.Locked, state.LockedAt);
}

/// <summary>/api/v1/meetings/{id}/minutes and /api/v1/minutes: bilingual minutes, signatures, amendments.</summary>
public static class MinutesApi
{
    public const string Path = "/api/v1/minutes";

    public static IEndpointRouteBuilder MapMinutesApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/v1/meetings/{meetingId:guid}/minutes").WithTags("Minutes").RequireAuthorization(Policies.Reader);
        meetings.MapGet("/", async Task<Results<Ok<List<MinutesDto>>, ProblemHttpResult>> (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid meetingId,
                CancellationToken ct) =>
            {
                // A meeting the caller cannot see has no minutes for them either: not found, as the meeting itself.
                if (!await db.Meetings.AsNoTracking().AnyAsync(m => m.Id == meetingId, ct))
                {
                    return (ProblemHttpResult)ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound");
                }
                return TypedResults.Ok(await DtosAsync(db, await db.Minutes.AsNoTracking().Where(m => m.MeetingId == meetingId)
                    .OrderBy(m => m.AmendmentNumber).ToListAsync(ct), ct));
            })
            .WithName("ListMeetingMinutes").WithSummary("A meeting's minutes and their amendments, with who has signed and whether each is locked.");
        meetings.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid meetingId, CreateMinutes.Request request, CancellationToken ct) =>
            {
                var outcome = await CreateMinutes.HandleAsync(db, clock, meetingId, request, ct);
                return await ResultAsync(db, L, outcome, ct, created: true);
            })
            .RequireAuthorization(Policies.Liaison)
            .WithName("WriteMinutes").WithSummary("Write the minutes of a meeting of the caller's party: two languages, paragraph by paragraph. Shared with every party at the meeting.")
            .Produces<MinutesDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        var minutes = app.MapGroup(Path).WithTags("Minutes").RequireAuthorization(Policies.Reader);
        minutes.MapGet("/{id:guid}", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await ResultAsync(db, L, await RecordLoader.LoadAsync<MeetingMinutes>(db, id, RecordOperation.Read, ct), ct))
            .WithName("GetMinutes").WithSummary("One set of minutes with its current signatures; 404 when not visible.")
            .Produces<MinutesDto>().ProducesProblem(404);
        minutes.MapPut("/{id:guid}", async (HttpRequest http, BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CreateMinutes.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    await ResultAsync(db, L, await ChangeMinutes.HandleAsync(db, id, version, request, ct), ct)))
            .RequireAuthorization(Policies.Liaison)
            .WithName("ChangeMinutes").WithSummary("Change minutes no party has finished signing (If-Match). Locked minutes answer 409 minutes-locked: amend them instead.")
            .Produces<MinutesDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        minutes.MapPost("/{id:guid}/amendments", async (BorderlinkDb db, IStringLocalizer<SharedResource> L, Guid id, CreateMinutes.Request request, CancellationToken ct) =>
                await ResultAsync(db, L, await AmendMinutes.HandleAsync(db, id, request, ct), ct, created: true))
            .RequireAuthorization(Policies.Liaison)
            .WithName("AmendMinutes").WithSummary("Amend locked minutes: a numbered amendment with the revised text, signed by the same parties.")
            .Produces<MinutesDto>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        minutes.MapPost("/{id:guid}/signatures", async (HttpRequest http, BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id,
                SignMinutes.Request request, CancellationToken ct) =>
                await ApiResults.IfMatchAsync(http, L, async version =>
                    ApiResults.From(await SignMinutes.HandleAsync(db, clock, id, version, request, ct), L, SignatureDto.From, null,
                        $"{Path}/{id}")))
            .RequireAuthorization(Policies.Liaison)
            .WithName("SignMinutes").WithSummary("Record a signatory of the caller's party on the version read (If-Match). The last party's signature locks the minutes.")
            .Produces<SignatureDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
        return app;
    }

    private static async Task<IResult> ResultAsync(BorderlinkDb db, IStringLocalizer L, Outcome<MeetingMinutes> outcome, CancellationToken ct, bool created = false)
    {
        if (outcome is not Outcome<MeetingMinutes>.Done { Value: var m }) return ApiResults.From(outcome, L, _ => 0);
        var dto = MinutesDto.From(m, await MinutesRules.StateAsync(db, m, ct));
        return ApiResults.From<MeetingMinutes, MinutesDto>(outcome, L, _ => dto, x => x.Version, created ? $"{Path}/{m.Id}" : null);
    }

    private static async Task<List<MinutesDto>> DtosAsync(BorderlinkDb db, List<MeetingMinutes> list, CancellationToken ct)
    {
        var ids = list.Select(m => m.Id).ToList();
        var signatures = await db.MinutesSignatures.AsNoTracking().Where(s => ids.Contains(s.MinutesId)).ToListAsync(ct);
        return list.Select(m => MinutesDto.From(m, MinutesState.Of(m, signatures))).ToList();
    }
}
