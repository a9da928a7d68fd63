using Borderlink.Features.Reference;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Alerts;

/// <summary>An alert in words, the same in the alert centre, on the home page and in the e-mail digest.</summary>
public static class AlertWords
{
    /// <summary>
    /// What the alert is about: its title (a congested gate pair by its name, never its code; a partner node by what it
    /// is, its parties being named in the sentence, not by its technical id).
    /// </summary>
    public static string Subject(IStringLocalizer L, Alert alert, ReferenceCache.Snapshot? reference) => alert.Kind switch
    {
        Alert.GateCongested => reference?.GateName(alert.Title) ?? alert.Title,
        Alert.PartnerUnreachable => L["AlertKind." + Alert.PartnerUnreachable],
        _ when string.IsNullOrWhiteSpace(alert.Title) => Sentence(L, alert, reference),
        _ => alert.Title,
    };

    /// <summary>What happened and who: a shared record's sentence depends on its type ("a meeting {0} invites us to"); other kinds have one each.</summary>
    public static string Sentence(IStringLocalizer L, Alert alert, ReferenceCache.Snapshot? reference) =>
        L[alert.Kind == Alert.Shared ? $"Alerts.shared.{alert.RecordType}" : "Alerts." + alert.Kind, Parties(alert, reference)];

    private static string Parties(Alert alert, ReferenceCache.Snapshot? reference) =>
        Web.Languages.List(Sharing.Codes.Split(alert.Addressee).Select(p => reference?.PartyName(p) ?? p));
}
