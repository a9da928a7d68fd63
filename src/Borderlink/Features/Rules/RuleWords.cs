using Borderlink.Features.Reference;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Rules;

/// <summary>A rule said in the reader's language: "Acknowledge a notification of plague within 48 h".</summary>
public static class RuleWords
{
    public static string Subject(IStringLocalizer L, RuleKind kind, string subject, IEnumerable<Disease> diseases) =>
        kind == RuleKind.AcknowledgementHours
            ? diseases.FirstOrDefault(d => d.Code == subject)?.Name() ?? subject
            : L["Rules.Period." + subject] is { ResourceNotFound: false } period ? period : subject;

    public static string Sentence(IStringLocalizer L, SharedRule rule, IEnumerable<Disease> diseases) =>
        L["Rules.Sentence." + rule.Kind, Subject(L, rule.Kind, rule.Subject, diseases), rule.Value];

    /// <summary>What applies without the rule: the law's hours for the disease, the default days for the period.</summary>
    public static string Law(IStringLocalizer L, SharedRule rule, IEnumerable<Disease> diseases) => rule.Kind == RuleKind.AcknowledgementHours
        ? L["Rules.ByLaw", diseases.FirstOrDefault(d => d.Code == rule.Subject)?.AcknowledgementHours ?? Disease.IhrHours]
        : L["Rules.ByDefault", Situation.ReportingCompleteness.DueDays(rule.Subject == "day" ? Situation.PeriodKind.Day : Situation.PeriodKind.Week)];
}
