using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Features.Rules;

namespace Borderlink.Features.Notifications;

/// <summary>
/// How long addressees have to acknowledge a notification: for each addressee, the shared rule in force between it and
/// the sender for the disease, or else the law (the stricter of the two countries' reporting hours, IHR's 24 h where
/// neither sets one). A notification has one deadline, so with several addressees the shortest term applies.
/// </summary>
public static class AcknowledgementTerm
{
    public static async Task<(int Hours, Guid? Rule)> ForAsync(BorderlinkDb db, Disease disease, string sender, IReadOnlyList<string> addressees,
        CancellationToken ct = default)
    {
        var binding = await RuleStates.InForceAsync(db, RuleKind.AcknowledgementHours, disease.Code, ct);
        (int Hours, Guid? Rule) law = (disease.AcknowledgementHours, null);
        return addressees.Select(a => binding(sender, a) is { } s ? (s.Rule.Value, (Guid?)s.Rule.Id) : law).DefaultIfEmpty(law).MinBy(t => t.Item1);
    }
}
