using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Rules;

/// <summary>A liaison proposes a rule to partner parties: it is shared with them and waits for each one's answer.</summary>
public static class ProposeRule
{
    /// <param name="Parties">The partner parties it would bind besides the proposer's own.</param>
    public sealed record Request(RuleKind? Kind, string? Subject, int? Value, IReadOnlyList<string>? Parties, string? Reason, string? Language);

    public const int MaxHours = 24 * 14;
    public const int MaxDays = 14;
    public static readonly string[] ReportingPeriods = ["week", "day"];

    /// <summary>The values a kind allows: hours 1–336 to acknowledge, days 0–14 to report.</summary>
    public static (int Min, int Max) Range(RuleKind kind) => kind == RuleKind.AcknowledgementHours ? (1, MaxHours) : (0, MaxDays);

    public static async Task<Outcome<SharedRule>> HandleAsync(BorderlinkDb db, TimeProvider clock, Request request, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is not { } party || viewer.AgencyId is not { } agency || !viewer.IsLiaison)
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, detail: Audit.AuditDetail.RuleNotAllowed());
            await db.SaveChangesAsync(ct);
            return new Outcome<SharedRule>.Forbidden();
        }
        var errors = new List<FieldError>();
        var subject = request.Subject?.Trim() ?? "";
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(new("kind", "Error.UnknownKind"));
            kind = RuleKind.AcknowledgementHours;
        }
        else if (kind == RuleKind.AcknowledgementHours && !await db.Diseases.AnyAsync(d => d.Code == subject, ct))
        {
            errors.Add(new("subject", "Error.UnknownDisease", subject));
        }
        else if (kind == RuleKind.ReportingDueDays && !ReportingPeriods.Contains(subject))
        {
            errors.Add(new("subject", "Rules.UnknownPeriod"));
        }
        var (min, max) = Range(kind);
        if (request.Value is not { } value || value < min || value > max) errors.Add(new("value", "Error.Range", min, max));
        var counterparts = (request.Parties ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct().ToList();
        var partners = await PartnerParties.OfAsync(db, clock, party, ct);
        if (counterparts.Count == 0) errors.Add(new("parties", "Error.AudienceRequired"));
        errors.AddRange(counterparts.Where(p => !partners.Contains(p)).Select(p => new FieldError("parties", "Error.UnknownParty", p)));
        FieldChecks.Text(errors, "reason", request.Reason, SharedRule.ReasonMax, required: true);
        if (!Languages.IsSupported(request.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<SharedRule>.Invalid(errors);

        var rule = new SharedRule
        {
            OwnerParty = party, OwnerAgencyId = agency, Kind = kind, Subject = subject, Value = request.Value!.Value,
            Parties = Codes.Join(counterparts.Append(party).Order(StringComparer.Ordinal)), Reason = request.Reason!.Trim(),
            Language = Languages.Canonical(request.Language)!,
        };
        rule.SetVisibility(Visibility.Partners, counterparts, []);
        db.SharedRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return new Outcome<SharedRule>.Done(rule, Created: true);
    }
}
