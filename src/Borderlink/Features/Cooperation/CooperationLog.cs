using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Cooperation;

/// <summary>Recording drills, trainings, exchanges and recognitions; a liaison may share them with the parties involved at once.</summary>
public static class CooperationLog
{
    public sealed record ActivityRequest(ActivityKind Kind, string? Title, string? Subject, DateOnly? StartsOn, DateOnly? EndsOn, string? Location,
        string? Participants, string? Findings, string? Language, IReadOnlyList<string>? ShareWith = null);

    public sealed record RecognitionRequest(string? Title, int Year, int Quarter, string? PersonName, string? PersonParty, string? Agency, string? Citation,
        string? Language, IReadOnlyList<string>? ShareWith = null);

    public static async Task<Outcome<JointActivity>> RecordActivityAsync(BorderlinkDb db, TimeProvider clock, ActivityRequest r, CancellationToken ct = default)
    {
        if (Forbidden(db, r.ShareWith)) return new Outcome<JointActivity>.Forbidden();
        var errors = new List<FieldError>();
        FieldChecks.Text(errors, "title", r.Title, JointActivity.TitleMax, required: true);
        FieldChecks.Text(errors, "subject", r.Subject, JointActivity.TextMax, required: false);
        FieldChecks.Text(errors, "participants", r.Participants, JointActivity.TextMax, required: false);
        FieldChecks.Text(errors, "findings", r.Findings, JointActivity.TextMax, required: false);
        if (!Enum.IsDefined(r.Kind)) errors.Add(new("kind", "Error.UnknownKind"));
        if (r.StartsOn is null) errors.Add(new("startsOn", "Error.Required"));
        if (r.StartsOn is { } s && r.EndsOn is { } e && e < s) errors.Add(new("endsOn", "Error.EndBeforeStart"));
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        errors.AddRange(await ShareErrorsAsync(db, clock, r.ShareWith, ct));
        if (errors.Count > 0) return new Outcome<JointActivity>.Invalid(errors);
        var activity = new JointActivity
        {
            OwnerParty = db.Viewer.Party!, OwnerAgencyId = db.Viewer.AgencyId!.Value, Kind = r.Kind, Title = r.Title!.Trim(), Subject = r.Subject?.Trim() ?? "",
            StartsOn = r.StartsOn!.Value, EndsOn = r.EndsOn, Location = r.Location?.Trim() ?? "", Participants = r.Participants?.Trim() ?? "",
            Findings = r.Findings?.Trim() ?? "", Language = Languages.Canonical(r.Language)!,
        };
        Share(activity, r.ShareWith);
        db.JointActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        return new Outcome<JointActivity>.Done(activity, Created: true);
    }

    public static async Task<Outcome<Recognition>> RecordRecognitionAsync(BorderlinkDb db, TimeProvider clock, RecognitionRequest r, CancellationToken ct = default)
    {
        if (Forbidden(db, r.ShareWith)) return new Outcome<Recognition>.Forbidden();
        var errors = new List<FieldError>();
        FieldChecks.Text(errors, "title", r.Title, Recognition.NameMax, required: true);
        FieldChecks.Text(errors, "personName", r.PersonName, Recognition.NameMax, required: true);
        FieldChecks.Text(errors, "agency", r.Agency, Recognition.NameMax, required: false);
        FieldChecks.Text(errors, "citation", r.Citation, JointActivity.TextMax, required: false);
        if (r.Year is < 2000 or > 2100) errors.Add(new("year", "Error.CountRange", 2100));
        if (r.Quarter is < 1 or > 4) errors.Add(new("quarter", "Error.Quarter"));
        if (!await db.Parties.AnyAsync(p => p.Code == r.PersonParty, ct)) errors.Add(new("personParty", "Error.UnknownParty", r.PersonParty ?? ""));
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        errors.AddRange(await ShareErrorsAsync(db, clock, r.ShareWith, ct));
        if (errors.Count > 0) return new Outcome<Recognition>.Invalid(errors);
        var recognition = new Recognition
        {
            OwnerParty = db.Viewer.Party!, OwnerAgencyId = db.Viewer.AgencyId!.Value, Title = r.Title!.Trim(), Year = r.Year, Quarter = r.Quarter,
            PersonName = r.PersonName!.Trim(), PersonParty = r.PersonParty!, Agency = r.Agency?.Trim() ?? "", Citation = r.Citation?.Trim() ?? "",
            Language = Languages.Canonical(r.Language)!,
        };
        Share(recognition, r.ShareWith);
        db.Recognitions.Add(recognition);
        await db.SaveChangesAsync(ct);
        return new Outcome<Recognition>.Done(recognition, Created: true);
    }

    private static bool Forbidden(BorderlinkDb db, IReadOnlyList<string>? shareWith) =>
        db.Viewer.Party is null || db.Viewer.AgencyId is null || !db.Viewer.IsOfficer
        || (shareWith is { Count: > 0 } && !db.Viewer.IsLiaison);

    private static async Task<List<FieldError>> ShareErrorsAsync(BorderlinkDb db, TimeProvider clock, IReadOnlyList<string>? shareWith, CancellationToken ct) =>
        shareWith is { Count: > 0 }
            ? (await VisibilityRules.ValidateAsync(db, db.Viewer.Party!, Visibility.Partners, shareWith, [], clock, ct)).Select(e => e with { Field = "shareWith" }).ToList()
            : [];

    private static void Share(CoordinationRecord record, IReadOnlyList<string>? shareWith) =>
        record.SetVisibility(shareWith is { Count: > 0 } ? Visibility.Partners : Visibility.Internal, shareWith ?? [], []);
}
