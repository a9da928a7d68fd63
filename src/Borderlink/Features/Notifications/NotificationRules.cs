using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notifications;

/// <summary>What an officer writes in a notification; the same shape for a draft, an edit and a published update.</summary>
public sealed record NotificationContent(
    string? Title, string? Disease, IReadOnlyList<string>? Places = null, IReadOnlyList<string>? GatePairs = null,
    IReadOnlyList<string>? Addressees = null, DateOnly? OnsetDate = null, DateOnly? DetectedDate = null,
    int Suspected = 0, int Probable = 0, int Confirmed = 0, int Deaths = 0, string? ImportedFrom = null, string? ExportedTo = null,
    RiskLevel? Risk = null, string? RiskRationale = null, string? MeasuresTaken = null, string? Requests = null, string? Details = null,
    string? Language = null, string? TranslationRequested = null, bool KeepUnknownPlaces = false);

/// <summary>Checks a notification's content against the reference data and resolves place names through the gazetteer.</summary>
public static class NotificationRules
{
    public sealed record Resolved(string PlaceCodes, string GatePairCodes, string Addressees);

    public static async Task<(List<FieldError> Errors, Resolved Resolved)> ValidateAsync(BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock,
        string ownerParty, NotificationContent c, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        FieldChecks.Text(errors, "title", c.Title, EventNotification.TitleMax, required: true);
        FieldChecks.Text(errors, "details", c.Details, EventNotification.TextMax, required: false);
        FieldChecks.Text(errors, "riskRationale", c.RiskRationale, EventNotification.ShortTextMax, required: c.Risk >= RiskLevel.High);
        FieldChecks.Text(errors, "measuresTaken", c.MeasuresTaken, EventNotification.TextMax, required: false);
        FieldChecks.Text(errors, "requests", c.Requests, EventNotification.TextMax, required: false);
        FieldChecks.Text(errors, "importedFrom", c.ImportedFrom, EventNotification.NameMax, required: false);
        FieldChecks.Text(errors, "exportedTo", c.ExportedTo, EventNotification.NameMax, required: false);
        if (!Languages.IsSupported(c.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (!string.IsNullOrEmpty(c.TranslationRequested) && !Languages.IsSupported(c.TranslationRequested))
            errors.Add(new("translationRequested", "Error.UnknownLanguage"));
        // The risk is the writer's judgement: never assumed (it once defaulted to Low without a word).
        if (c.Risk is not { } risk) errors.Add(new("risk", "Error.RiskRequired"));
        else if (!Enum.IsDefined(risk)) errors.Add(new("risk", "Error.UnknownRisk"));

        foreach (var (field, value) in new[] { ("suspected", c.Suspected), ("probable", c.Probable), ("confirmed", c.Confirmed), ("deaths", c.Deaths) })
        {
            if (value is < 0 or > EventNotification.CountMax) errors.Add(new(field, "Error.CountRange", EventNotification.CountMax));
        }
        var tomorrow = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
        if (c.OnsetDate > tomorrow) errors.Add(new("onsetDate", "Error.DateInFuture"));
        if (c.DetectedDate > tomorrow) errors.Add(new("detectedDate", "Error.DateInFuture"));
        if (c.OnsetDate is { } onset && c.DetectedDate is { } detected && onset > detected) errors.Add(new("detectedDate", "Error.DetectedBeforeOnset"));

        if (string.IsNullOrWhiteSpace(c.Disease) || !await db.Diseases.AsNoTracking().AnyAsync(d => d.Code == c.Disease, ct))
            errors.Add(new("disease", "Error.UnknownDisease", c.Disease ?? ""));

        var places = new List<string>();
        var entries = await gazetteer.EntriesAsync(ct);
        foreach (var name in (c.Places ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()))
        {
            if (ResolvePlace.Code(entries, name, ResolvePlace.Kinds()) is { } code) places.Add(code);
            // Not a dead end: the author keeps the name as written, or chooses among the nearest names.
            else if (c.KeepUnknownPlaces && ResolvePlace.Keepable(name)) places.Add(EventNotification.AsWritten + name);
            else errors.Add(ResolvePlace.Unknown(entries, "places", name, ResolvePlace.Kinds()));
        }
        var gates = (c.GatePairs ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).Distinct().ToList();
        if (gates.Count > 0)
        {
            var known = await db.GatePairs.AsNoTracking().Where(g => gates.Contains(g.Code)).Select(g => g.Code).ToListAsync(ct);
            errors.AddRange(gates.Except(known).Select(g => new FieldError("gatePairs", "Error.UnknownGatePair", g)));
        }
        var addressees = (c.Addressees ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct().ToList();
        if (addressees.Count > 0)
        {
            errors.AddRange((await VisibilityRules.ValidateAsync(db, ownerParty, Visibility.Partners, addressees, [], clock, ct))
                .Select(e => e with { Field = "addressees" }));
        }
        return (errors, new Resolved(Codes.Join(places), Codes.Join(gates), Codes.Join(addressees)));
    }

    public static void Apply(EventNotification n, NotificationContent c, Resolved resolved)
    {
        n.Title = c.Title!.Trim();
        n.DiseaseCode = c.Disease!;
        n.PlaceCodes = resolved.PlaceCodes;
        n.GatePairCodes = resolved.GatePairCodes;
        n.OnsetDate = c.OnsetDate;
        n.DetectedDate = c.DetectedDate;
        n.Suspected = c.Suspected;
        n.Probable = c.Probable;
        n.Confirmed = c.Confirmed;
        n.Deaths = c.Deaths;
        n.ImportedFrom = Trimmed(c.ImportedFrom);
        n.ExportedTo = Trimmed(c.ExportedTo);
        n.Risk = c.Risk ?? throw new InvalidOperationException("risk is checked before it is applied");
        n.RiskRationale = c.RiskRationale?.Trim() ?? "";
        n.MeasuresTaken = c.MeasuresTaken?.Trim() ?? "";
        n.Requests = c.Requests?.Trim() ?? "";
        n.Details = c.Details?.Trim() ?? "";
        n.Language = Languages.Canonical(c.Language)!;
        n.TranslationRequested = Languages.Canonical(c.TranslationRequested);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
