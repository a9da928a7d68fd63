using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Rules;

/// <summary>A rule with where it stands: since when, which parties have not answered yet, and when it came into force (if it ever did).</summary>
public sealed record RuleStatus(SharedRule Rule, RuleState State, DateTimeOffset? Since, IReadOnlyList<string> Awaiting, IReadOnlyList<SharedRuleAnswer> Answers,
    DateTimeOffset? EnteredForceAt);

/// <summary>
/// Where rules stand, computed from the rule and its parties' answers only, so every node holding them computes the
/// same: withdrawn by its proposer; declined or ended by a party's latest answer; in force once every party has
/// accepted it (since the last acceptance); superseded for good once a later rule on the same subject binding at least
/// the same parties came into force (ending that later rule brings back the law, not this one); otherwise proposed.
/// </summary>
public static class RuleStates
{
    public static RuleStatus Of(SharedRule rule, IEnumerable<SharedRuleAnswer> answers)
    {
        var counterparts = rule.Counterparts;
        var own = answers.Where(a => a.RuleId == rule.Id && counterparts.Contains(a.OwnerParty)).OrderBy(a => a.AnsweredAt).ToList();
        var accepted = counterparts.Select(p => own.FirstOrDefault(a => a.OwnerParty == p && a.Kind == RuleAnswerKind.Accepted)?.AnsweredAt).ToList();
        DateTimeOffset? entered = counterparts.Count > 0 && accepted.All(a => a is not null) && own.All(a => a.Kind != RuleAnswerKind.Declined)
            ? accepted.Max() : null;
        if (entered > rule.WithdrawnAt) entered = null;
        if (rule.WithdrawnAt is { } withdrawn) return new(rule, RuleState.Withdrawn, withdrawn, [], own, entered);
        var latest = counterparts.Select(p => own.LastOrDefault(a => a.OwnerParty == p)).ToList();
        if (latest.FirstOrDefault(a => a?.Kind == RuleAnswerKind.Declined) is { } declined) return new(rule, RuleState.Declined, declined.AnsweredAt, [], own, null);
        if (latest.FirstOrDefault(a => a?.Kind == RuleAnswerKind.Ended) is { } ended) return new(rule, RuleState.Ended, ended.AnsweredAt, [], own, entered);
        var awaiting = counterparts.Where((_, i) => latest[i] is null).ToList();
        return entered is null
            ? new(rule, RuleState.Proposed, null, awaiting, own, null)
            : new(rule, RuleState.InForce, entered, [], own, entered);
    }

    /// <summary>The rules the viewer may see (newest first, at most <paramref name="take"/>), each with where it stands.</summary>
    public static async Task<List<RuleStatus>> ListAsync(BorderlinkDb db, RuleKind? kind = null, string? subject = null, int take = 500, CancellationToken ct = default)
    {
        var query = db.SharedRules.AsNoTracking();
        if (kind is { } k) query = query.Where(r => r.Kind == k);
        if (subject is not null) query = query.Where(r => r.Subject == subject);
        var rules = await query.OrderByDescending(r => r.CreatedAt).Take(take).ToListAsync(ct);
        return await WithStatesAsync(db, rules, ct);
    }

    public static async Task<RuleStatus> OfAsync(BorderlinkDb db, SharedRule rule, CancellationToken ct = default) =>
        (await WithStatesAsync(db, [rule], ct, others: true)).Single(s => s.Rule.Id == rule.Id);

    private static async Task<List<RuleStatus>> WithStatesAsync(BorderlinkDb db, List<SharedRule> rules, CancellationToken ct, bool others = false)
    {
        if (others && rules.Count > 0)
        {
            // A rule can only be superseded by a rule on its subject: read those too.
            var (kind, subject, ids) = (rules[0].Kind, rules[0].Subject, rules.Select(r => r.Id).ToList());
            rules.AddRange(await db.SharedRules.AsNoTracking().Where(r => r.Kind == kind && r.Subject == subject && !ids.Contains(r.Id)).ToListAsync(ct));
        }
        var ruleIds = rules.Select(r => r.Id).ToList();
        var answers = await db.SharedRuleAnswers.AsNoTracking().Where(a => ruleIds.Contains(a.RuleId)).ToListAsync(ct);
        var byRule = answers.ToLookup(a => a.RuleId);
        var states = rules.Select(r => Of(r, byRule[r.Id])).ToList();
        return states.Select(s => SupersededBy(s, states) is { } later ? s with { State = RuleState.Superseded, Since = later.EnteredForceAt } : s).ToList();
    }

    private static RuleStatus? SupersededBy(RuleStatus s, IEnumerable<RuleStatus> all) =>
        s.State != RuleState.InForce ? null
            : all.Where(o => o.EnteredForceAt is not null && Later(o, s) && o.Rule.Kind == s.Rule.Kind && o.Rule.Subject == s.Rule.Subject
                    && s.Rule.PartyList.All(o.Rule.Binds))
                .MinBy(Order);

    /// <summary>Which of two rules came into force later: by that instant, then by proposal, then by id, so every node orders them alike.</summary>
    private static (DateTimeOffset, DateTimeOffset, Guid) Order(RuleStatus s) => (s.EnteredForceAt ?? DateTimeOffset.MinValue, s.Rule.CreatedAt, s.Rule.Id);

    private static bool Later(RuleStatus a, RuleStatus b) => Order(a).CompareTo(Order(b)) > 0;

    /// <summary>
    /// The rule in force on a subject between two parties (the same party twice: any rule binding it), the one that came
    /// into force last; null when none is, and the law applies.
    /// </summary>
    public static async Task<Func<string, string, RuleStatus?>> InForceAsync(BorderlinkDb db, RuleKind kind, string subject, CancellationToken ct = default)
    {
        var rules = await db.SharedRules.AsNoTracking().Where(r => r.Kind == kind && r.Subject == subject).ToListAsync(ct);
        var inForce = (await WithStatesAsync(db, rules, ct)).Where(s => s.State == RuleState.InForce).ToList();
        return (a, b) => inForce.Where(s => s.Rule.Binds(a) && s.Rule.Binds(b)).MaxBy(Order);
    }
}
