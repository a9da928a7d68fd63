using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Situation;

/// <summary>/api/v1/situation-reports and /api/v1/situation: weekly (or daily) aggregates in and out, and the cross-border picture.</summary>
public static class SituationApi
{
    public const string Path = "/api/v1/situation-reports";
    public const string MapPath = "/api/v1/situation/map.svg";

    public static IEndpointRouteBuilder MapSituationApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup(Path).WithTags("Situation reports").RequireAuthorization(Policies.Reader);

        reports.MapGet("/", async (BorderlinkDb db, string? party, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok((await SituationQueries.ReportsAsync(db, new(party, from, to, page ?? 1, pageSize ?? 25), ct)).Map(SituationReportDto.From)))
            .WithName("ListSituationReports").WithSummary("Reports the caller may see (its party's and those partners shared), newest period first.");

        reports.MapReadAndShare<SituationReport, SituationReportDto>("SituationReport", "situation report with its rows", SituationReportDto.From);

        reports.MapPost("/rows", async (ImportSituation import, IStringLocalizer<SharedResource> L, RowsRequest request, bool? replace, CancellationToken ct) =>
                Answer(await import.EntriesAsync(request.Rows ?? [], replace ?? false, "api", ct), L))
            .RequireAuthorization(Policies.Officer)
            .WithName("PushSituationRows")
            .WithSummary("Push rows {disease, place, period (2026-W47 or 2026-11-22), newCases, deaths, tests, importedCases, inQuarantine, note}. All or nothing; "
                + "rows that replace existing counts need replace=true, else 409 with a pending import to confirm.")
            .Produces<ImportResultDto>().ProducesProblem(400).ProducesProblem(409);

        reports.MapPost("/imports", async (HttpRequest http, ImportSituation import, IStringLocalizer<SharedResource> L, string? name, bool? replace,
                FileEncoding? encoding, CancellationToken ct) =>
                Answer(await import.FileAsync(http.Body, name ?? (IsXlsx(http.ContentType) ? "upload.xlsx" : "upload.csv"), replace ?? false,
                    encoding ?? FileEncoding.Auto, ct), L))
            .RequireAuthorization(Policies.Officer)
            .WithMetadata(new RequestSizeLimitAttribute(SituationFile.MaxBytes))
            .Accepts<Stream>("text/csv", XlsxContentType)
            .WithName("ImportSituationFile")
            .WithSummary("Upload a CSV (UTF-8, UTF-16, GB18030/GBK or Windows-1252, found from the bytes; when unsure, 400 asks for encoding=Utf8|Utf16|Gb18030|Windows1252) or XLSX file as the request body. Headers in any of the four languages. A file with any bad row "
                + "is refused whole (400, every problem with row and column); replacing existing counts needs replace=true, else 409 with a pending import.")
            .Produces<ImportResultDto>().ProducesProblem(400).ProducesProblem(409).ProducesProblem(413);

        reports.MapPost("/imports/{id:guid}/confirm", async (ImportSituation import, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                Answer(await import.ConfirmAsync(id, ct), L))
            .RequireAuthorization(Policies.Officer)
            .WithName("ConfirmSituationImport").WithSummary("Save a pending import, replacing the existing counts it listed.")
            .Produces<ImportResultDto>().ProducesProblem(404);

        reports.MapGet("/export", async (BorderlinkDb db, SituationExport export, string? format, string? disease, string? party, DateOnly? from, DateOnly? to,
                CancellationToken ct) =>
            {
                var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
                var bytes = await export.WriteAsync(await SituationQueries.RowsAsync(db, Empty(disease), Empty(party), from, to, ct), xlsx, ct);
                return Results.File(bytes, xlsx ? SituationExport.XlsxType : SituationExport.CsvType, xlsx ? "situation.xlsx" : "situation.csv");
            })
            .WithName("ExportSituation").WithSummary("Every visible row as CSV or XLSX (format=csv|xlsx), headers and names in the caller's language.");

        reports.MapGet("/template", async (BorderlinkDb db, SituationExport export, TimeProvider clock, string? format, CancellationToken ct) =>
            {
                var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
                var bytes = await export.TemplateAsync(db.Viewer.Party ?? "", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), xlsx, ct);
                var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
                return Results.File(bytes, xlsx ? SituationExport.XlsxType : SituationExport.CsvType, $"situation-template-{culture}.{(xlsx ? "xlsx" : "csv")}");
            })
            .WithName("SituationTemplate").WithSummary("An upload template with headers in the caller's language (Accept-Language or the language cookie).");

        var picture = app.MapGroup("/api/v1/situation").WithTags("Situation reports").RequireAuthorization(Policies.Reader);
        picture.MapGet("/figures", async (BorderlinkDb db, string disease, PeriodKind? kind, DateOnly from, DateOnly to, CancellationToken ct) =>
                TypedResults.Ok(await SituationQueries.FiguresAsync(db, disease, kind ?? PeriodKind.Week, from, to, ct)))
            .WithName("SituationFigures").WithSummary("Per party and period for one disease: the points of the epi curve.");
        picture.MapGet("/cross-border", (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, string disease, PeriodKind? kind,
                string? period, CancellationToken ct) => ForPeriodAsync(db, clock, L, disease, kind, period, SituationQueries.CrossBorderAsync, ct))
            .WithName("SituationCrossBorder").WithSummary("This period against the one before, per party (the latest period with figures unless one is given).");
        picture.MapGet("/places", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, GazetteerIndex gazetteer, string disease,
                PeriodKind? kind, string? period, CancellationToken ct) =>
            {
                await gazetteer.EntriesAsync(ct);
                return await ForPeriodAsync(db, clock, L, disease, kind, period, async (db, disease, kind, start, ct) =>
                    (await SituationQueries.PlacesAsync(db, disease, kind, start, ct)).Select(l => PlaceLineDto.From(l, gazetteer)).ToList(), ct);
            })
            .WithName("SituationPlaces")
            .WithSummary("Each place below province level that the visible reports name for the disease in a period (the latest unless one is given), "
                         + "most new cases first, with the place's name and what it lies within in the caller's language, against the period before.");
        picture.MapGet("/map.svg", async (BorderlinkDb db, TimeProvider clock, ReferenceCache reference, IStringLocalizer<SharedResource> L, string disease,
                PeriodKind? kind, string? period, CancellationToken ct) =>
            {
                if (!TryPeriod(L, kind, period, out var k, out var given, out var problem)) return problem;
                var start = given ?? await SituationQueries.LatestAsync(db, disease, k, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
                var lines = start is { } s ? await SituationQueries.CrossBorderAsync(db, disease, k, s, ct) : [];
                var names = await reference.GetAsync(ct);
                var diseaseName = await db.Diseases.AsNoTracking().Where(d => d.Code == disease).FirstOrDefaultAsync(ct) is { } d ? d.Name() : disease;
                var svg = SituationMapSvg.Render(lines, diseaseName, start is { } at ? Periods.Format(k, at) : L["Situation.NoData"], names.PartyName, L, standalone: true);
                return Results.Text(svg, "image/svg+xml; charset=utf-8");
            })
            .WithName("SituationMap")
            .WithSummary("New cases of one disease by province on the border map, as an SVG document in the caller's language: each party's province shaded "
                         + "by what it reported for the period (the latest with figures unless one is given), grey where it sent no report.")
            .Produces<string>(200, "image/svg+xml");
        picture.MapGet("/completeness", async (BorderlinkDb db, TimeProvider clock, PeriodKind? kind, int? periods, CancellationToken ct) =>
                TypedResults.Ok(await ReportingCompleteness.HandleAsync(db, clock, kind ?? PeriodKind.Week, periods ?? 8, ct)))
            .WithName("SituationCompleteness")
            .WithSummary("For the caller's party and its partners, each of the last periods (1–26, default 8) reported on time, late, missing or not yet due, "
                         + "against the rhythm: a week is due two days after it ends, a day the day after, at the end of that day in the party's zone.");
        return app;
    }

    /// <summary>Answers for one period: the one asked for (a week "2026-W46" or a day), else the latest with figures; 400 for a period that is not one.</summary>
    private static async Task<IResult> ForPeriodAsync<T>(BorderlinkDb db, TimeProvider clock, IStringLocalizer L, string disease, PeriodKind? kind, string? period,
        Func<BorderlinkDb, string, PeriodKind, DateOnly, CancellationToken, Task<List<T>>> read, CancellationToken ct)
    {
        if (!TryPeriod(L, kind, period, out var k, out var given, out var problem)) return problem;
        var start = given ?? await SituationQueries.LatestAsync(db, disease, k, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        return Results.Ok(start is { } s ? await read(db, disease, k, s, ct) : []);
    }

    /// <summary>The period a caller names (its kind from the name), none when it names none; false with the problem to answer for one that is not a period.</summary>
    private static bool TryPeriod(IStringLocalizer L, PeriodKind? kind, string? period, out PeriodKind k, out DateOnly? start, out IResult problem)
    {
        (k, start, problem) = (kind ?? PeriodKind.Week, null, Results.Empty);
        if (period is null) return true;
        if (!Periods.TryParse(period, out k, out var given))
        {
            problem = ApiResults.Validation(L, [new FieldError("period", "Import.BadPeriod", period)]);
            return false;
        }
        start = given;
        return true;
    }

    public const string XlsxContentType = SituationExport.XlsxType;

    private static bool IsXlsx(string? contentType) => contentType?.StartsWith(XlsxContentType, StringComparison.OrdinalIgnoreCase) == true;

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public static IResult Answer(ImportOutcome outcome, IStringLocalizer L) => outcome switch
    {
        ImportOutcome.Imported i => TypedResults.Ok(new ImportResultDto("imported", i.Rows, i.Periods, i.Replaced)),
        ImportOutcome.NeedsConfirmation c => ApiResults.Problem(L, StatusCodes.Status409Conflict, "import-replaces", "Import.Confirm",
            L["Import.ConfirmDetail", c.Conflicts, c.Rows],
            new Dictionary<string, object?> { ["pendingImport"] = c.PendingId, ["conflicts"] = c.Conflicts, ["rows"] = c.Rows, ["examples"] = c.Examples }),
        ImportOutcome.Rejected r => ApiResults.Problem(L, StatusCodes.Status400BadRequest, "import-rejected", "Import.Rejected", L["Import.RejectedDetail", r.Total],
            new Dictionary<string, object?> { ["problems"] = r.Problems.Select(p => ImportProblemDto.From(p, L)).ToList(), ["total"] = r.Total }),
        ImportOutcome.NotFound => ApiResults.Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"),
        _ => ApiResults.Problem(L, StatusCodes.Status403Forbidden, "forbidden", "Problem.Forbidden"),
    };
}
