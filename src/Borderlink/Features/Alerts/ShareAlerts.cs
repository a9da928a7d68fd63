using System.Reflection;
using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Alerts;

/// <summary>
/// Marks a record type whose arrival another party should be told of: a note, a notification, an answer, a meeting, a
/// translation… (not figures that come daily). <see cref="Title"/> names the property that says what it is about.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AlertWhenSharedAttribute : Attribute
{
    public string? Title { get; init; }
}

/// <summary>
/// A step of every save (<see cref="SavePipeline"/>): when a record of a type marked
/// <see cref="AlertWhenSharedAttribute"/> becomes visible to a party hosted on this node — created, shared, or arriving
/// from a partner — that party gets one alert, in the same transaction. A party that could already see it gets none, so
/// each alert is written once. When the owner takes the record back from a party (or a partner's retraction removes the
/// replica), that party's alert goes too: its title must not outlive the sharing.
/// </summary>
public sealed class ShareAlerts(LocalNode node) : ISaveStep
{
    /// <summary>The record types marked for alerts, read once: every save of the node passes here.</summary>
    private static readonly IReadOnlyDictionary<Type, AlertWhenSharedAttribute> Alerting = RecordTypes.ByName.Values
        .Select(t => (Type: t, Attribute: t.GetCustomAttribute<AlertWhenSharedAttribute>()))
        .Where(x => x.Attribute is not null).ToDictionary(x => x.Type, x => x.Attribute!);

    public async Task PrepareAsync(PendingSave save, CancellationToken ct)
    {
        var (db, changed, now) = (save.Db, save.Changed, save.Now);
        List<(Guid Record, string? Party)>? withdrawn = null;
        foreach (var entry in changed)
        {
            var record = entry.Entity;
            if (Alerting.GetValueOrDefault(record.GetType()) is not { } alerting) continue;
            if (entry.State == EntityState.Deleted)
            {
                (withdrawn ??= []).Add((record.Id, null));
                continue;
            }
            var before = entry.State == EntityState.Added ? [] : Codes.Split(entry.Property(r => r.AudienceParties).OriginalValue ?? "");
            var after = record.Audience;
            foreach (var party in after.Where(p => p != record.OwnerParty && !before.Contains(p) && node.Hosts(p)))
            {
                db.Alerts.Add(new Alert
                {
                    ForParty = party, ForFunctions = record.Visibility == Visibility.Restricted ? record.RestrictedFunctions : "",
                    Kind = Alert.Shared, RecordType = record.RecordType, RecordId = record.Id, Title = TitleOf(record, alerting),
                    Addressee = record.OwnerParty, DueAt = now, CreatedAt = now,
                });
            }
            foreach (var party in before.Where(p => !after.Contains(p)))
            {
                (withdrawn ??= []).Add((record.Id, party));
            }
        }
        if (withdrawn is null) return;
        var ids = withdrawn.Select(w => w.Record).Distinct().ToList();
        var gone = (await db.Alerts.Where(a => a.Kind == Alert.Shared && ids.Contains(a.RecordId)).ToListAsync(ct))
            .Where(a => withdrawn.Contains((a.RecordId, null)) || withdrawn.Contains((a.RecordId, a.ForParty))).ToList();
        var goneIds = gone.Select(a => a.Id).ToList();
        db.Alerts.RemoveRange(gone);
        db.AlertReads.RemoveRange(await db.AlertReads.Where(r => goneIds.Contains(r.AlertId)).ToListAsync(ct));
    }

    private static string TitleOf(CoordinationRecord record, AlertWhenSharedAttribute alerting)
    {
        var text = alerting.Title is { } property ? Convert.ToString(record.GetType().GetProperty(property)!.GetValue(record), System.Globalization.CultureInfo.InvariantCulture) : null;
        text = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= TitleMax ? text : text[..(TitleMax - 1)] + "…";
    }

    private const int TitleMax = 200;
}
