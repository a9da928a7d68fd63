using Borderlink.Data;
using Borderlink.Web;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Alerts;

/// <summary>
/// An alert as the API gives it. <see cref="Href"/> opens the record it is about (for a shared record,
/// <c>/records/{type}/{id}</c>, which leads to its page); <see cref="ReadAt"/> is null while the caller has not read it.
/// </summary>
public sealed record AlertDto(Guid Id, string Kind, string? RecordType, Guid RecordId, string Href, string Title, string Addressee, DateTimeOffset DueAt,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, bool Unread)
{
    public static AlertDto From(ListAlerts.Row row) => new(row.Alert.Id, row.Alert.Kind, row.Alert.RecordType, row.Alert.RecordId, row.Alert.Href, row.Alert.Title,
        row.Alert.Addressee, row.Alert.DueAt, row.Alert.CreatedAt, row.ReadAt, row.Unread);
}

/// <summary>/api/v1/alerts: the caller's alert centre.</summary>
public static class AlertsApi
{
    public const string Path = "/api/v1/alerts";

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup(Path).WithTags("Alerts").RequireAuthorization(Policies.Reader);
        alerts.MapGet("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, bool? unread, string? kind, int? page, int? pageSize,
                CancellationToken ct) =>
                kind is not null && !Alert.Kinds.Contains(kind)
                    ? ApiResults.Validation(L, [new FieldError("kind", "Alerts.UnknownKind")])
                    : TypedResults.Ok((await ListAlerts.HandleAsync(db, clock, new(unread ?? false, kind, page ?? 1, pageSize ?? 25), ct)).Map(AlertDto.From)))
            .WithName("ListAlerts")
            .WithSummary("The caller's alerts, newest first: unread=true for the unread ones, kind=shared|ack-overdue|measure-due-soon|measure-overdue|"
                         + "gate-congested|facility-near-capacity|partner-unreachable, page, pageSize.")
            .Produces<Paged<AlertDto>>().ProducesValidationProblem();
        alerts.MapPost("/{id:guid}/read", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                await ReadAlerts.OneAsync(db, clock, id, ct) ? Results.NoContent() : ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"))
            .WithName("ReadAlert").WithSummary("Mark one of the caller's alerts read (for the caller only).")
            .Produces(204).ProducesProblem(404);
        alerts.MapPost("/read-all", async (BorderlinkDb db, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(new ReadAllResult(await ReadAlerts.AllAsync(db, clock, ct))))
            .WithName("ReadAllAlerts").WithSummary("Mark every unread alert of the caller read; answers how many.");
        return app;
    }

    public sealed record ReadAllResult(int Marked);
}
