using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Measures;

/// <summary>The owner party's officers report progress on a measure, with evidence.</summary>
public static class ReportMeasureProgress
{
    public sealed record Request(MeasureStatus Status, string? Note, string? Evidence, string? Language);

    /// <summary>The owner reports progress: a new status, what was done, and the evidence. The report travels to the parties concerned.</summary>
    public static async Task<Outcome<AgreedMeasure>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, Request r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<AgreedMeasure>(db, id, RecordOperation.Edit, ct);
        if (loaded is not Outcome<AgreedMeasure>.Done { Value: var measure }) return loaded;
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(r.Status)) errors.Add(new("status", "Error.UnknownKind"));
        FieldChecks.Text(errors, "note", r.Note, AgreedMeasure.TextMax, required: r.Status == measure.Status);
        FieldChecks.Text(errors, "evidence", r.Evidence, AgreedMeasure.TextMax, required: false);
        var language = Languages.Canonical(r.Language) ?? measure.Language;
        if (measure.Progress.Count >= AgreedMeasure.ProgressMax) errors.Add(new("note", "Measures.TooManyReports", AgreedMeasure.ProgressMax));
        if (errors.Count > 0) return new Outcome<AgreedMeasure>.Invalid(errors);
        // A new list, so the JSON column is seen as changed and the record gets a new version.
        measure.Progress = [.. measure.Progress, new MeasureProgress
        {
            At = clock.GetUtcNow(), By = db.Viewer.Name, Status = r.Status, Note = r.Note?.Trim() ?? "", Evidence = r.Evidence?.Trim() ?? "", Language = language,
        }];
        measure.Status = r.Status;
        return await RecordLoader.SaveVersionedAsync(db, measure, measure.Version, ct);
    }
}
