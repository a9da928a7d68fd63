using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Rules;

/// <summary>
/// A liaison of a party a rule would bind answers it: accepts or declines the proposal, or ends a rule it accepted.
/// The answer is that party's record, shared with every party of the rule.
/// </summary>
public static class AnswerRule
{
    /// <param name="Language">The language of the note (required with a note).</param>
    public sealed record Request(RuleAnswerKind? Kind, string? Note, string? Language = null);

    /// <summary>
    /// The answers a party bound by a rule may still give as the rule stands: accept or decline a proposal it has not
    /// answered, end one it accepted while that is proposed or in force; nothing else.
    /// </summary>
    public static IReadOnlyList<RuleAnswerKind> Open(RuleStatus status, string party)
    {
        var mine = status.Answers.LastOrDefault(a => a.OwnerParty == party)?.Kind;
        return mine is null && status.State == RuleState.Proposed ? [RuleAnswerKind.Accepted, RuleAnswerKind.Declined]
            : mine == RuleAnswerKind.Accepted && status.State is RuleState.Proposed or RuleState.InForce ? [RuleAnswerKind.Ended]
            : [];
    }

    public static async Task<Outcome<SharedRuleAnswer>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid ruleId, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<SharedRule>(db, ruleId, RecordOperation.Read, ct);
        if (loaded is not Outcome<SharedRule>.Done { Value: var rule }) return loaded.As<SharedRuleAnswer>();
        var viewer = db.Viewer;
        if (viewer.Party is not { } party || viewer.AgencyId is not { } agency || !viewer.IsLiaison || !rule.Counterparts.Contains(party))
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, rule, Audit.AuditDetail.RuleAnswerNotAllowed());
            await db.SaveChangesAsync(ct);
            return new Outcome<SharedRuleAnswer>.Forbidden();
        }
        var errors = new List<FieldError>();
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(new("kind", "Error.UnknownKind"));
            kind = RuleAnswerKind.Declined;
        }
        // Saying no, or ending what was agreed, says why.
        FieldChecks.Text(errors, "note", request.Note, SharedRuleAnswer.NoteMax, required: kind != RuleAnswerKind.Accepted);
        if (!string.IsNullOrWhiteSpace(request.Note) && !Languages.IsSupported(request.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<SharedRuleAnswer>.Invalid(errors);

        var status = await RuleStates.OfAsync(db, rule, ct);
        if (!Open(status, party).Contains(kind)) return new Outcome<SharedRuleAnswer>.Conflict("rule-" + status.State.ToString().ToLowerInvariant(), "Rules.CannotAnswer");

        var answer = new SharedRuleAnswer
        {
            OwnerParty = party, OwnerAgencyId = agency, RuleId = rule.Id, RuleOwner = rule.OwnerParty, Kind = kind, Note = request.Note?.Trim() ?? "",
            Language = Languages.Canonical(request.Language) ?? rule.Language, AnsweredAt = clock.GetUtcNow(),
        };
        answer.SetVisibility(Visibility.Partners, rule.PartyList.Where(p => p != party), []);
        db.SharedRuleAnswers.Add(answer);
        await db.SaveChangesAsync(ct);
        return new Outcome<SharedRuleAnswer>.Done(answer, Created: true);
    }
}
