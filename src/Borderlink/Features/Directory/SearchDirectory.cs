using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Directory;

/// <summary>The directory as a reader sees it: contacts found by name, party or language, who is on duty now, a hotline's roster.</summary>
public static class SearchDirectory
{
    /// <summary>Contacts the viewer may see whose name, agency, phone or e-mail matches (any spelling), optionally speaking a language.</summary>
    public static async Task<List<ContactEntry>> SearchAsync(BorderlinkDb db, string? q, string? party, string? language, CancellationToken ct = default)
    {
        var contacts = db.ContactEntries.AsNoTracking();
        var key = SearchKey.Fold(q);
        if (key.Length > 0) contacts = contacts.Where(c => c.SearchText.Contains(key));
        if (!string.IsNullOrWhiteSpace(party)) contacts = contacts.Where(c => c.OwnerParty == party);
        if (Web.Languages.Canonical(language) is { } lang)
        {
            var token = Codes.Token(lang);
            contacts = contacts.Where(c => c.Languages.Contains(token));
        }
        return await contacts.OrderBy(c => c.OwnerParty).ThenBy(c => c.Kind).ThenBy(c => c.Name).Take(500).ToListAsync(ct);
    }

    /// <summary>Who is on duty at a moment, per hotline the viewer may see.</summary>
    public static async Task<List<DutyShift>> OnDutyAsync(BorderlinkDb db, DateTimeOffset at, CancellationToken ct = default) =>
        await db.DutyShifts.AsNoTracking().Where(s => s.StartsAt <= at && s.EndsAt > at).ToListAsync(ct);

    public static async Task<List<DutyShift>> RosterAsync(BorderlinkDb db, Guid hotlineId, DateTimeOffset from, CancellationToken ct = default) =>
        await db.DutyShifts.AsNoTracking().Where(s => s.HotlineId == hotlineId && s.EndsAt > from).OrderBy(s => s.StartsAt).Take(200).ToListAsync(ct);
}
