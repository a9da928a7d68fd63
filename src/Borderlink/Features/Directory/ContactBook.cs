using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Directory;

/// <summary>Publishing a party's hotlines and liaison officers, the duty roster, and searching what the viewer may see.</summary>
public static class ContactBook
{
    public sealed record ContactRequest(ContactKind Kind, Guid AgencyId, string? Name, string? Phone, string? Email, string? Hours, IReadOnlyList<string>? Languages);

    public sealed record ShiftRequest(Guid HotlineId, string? OfficerName, string? Phone, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

    /// <summary>An officer publishes a contact of one of the party's agencies; it is shared with the mechanism's partners at once (that is its purpose).</summary>
    public static async Task<Outcome<ContactEntry>> PublishAsync(BorderlinkDb db, TimeProvider clock, ContactRequest r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.OfficerRoles.Any(viewer.IsInRole)) return new Outcome<ContactEntry>.Forbidden();
        var errors = new List<FieldError>();
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == r.AgencyId && a.PartyCode == viewer.Party, ct);
        if (agency is null) errors.Add(new("agencyId", "Error.UnknownAgency"));
        if (!Enum.IsDefined(r.Kind)) errors.Add(new("kind", "Error.UnknownKind"));
        if (string.IsNullOrWhiteSpace(r.Name)) errors.Add(new("name", "Error.Required"));
        foreach (var (field, value) in new[] { ("name", r.Name), ("phone", r.Phone), ("email", r.Email), ("hours", r.Hours) })
        {
            if (value?.Length > ContactEntry.FieldMax) errors.Add(new(field, "Error.TooLong", ContactEntry.FieldMax));
        }
        if (r.Kind == ContactKind.Hotline && string.IsNullOrWhiteSpace(r.Phone)) errors.Add(new("phone", "Error.Required"));
        var languages = (r.Languages ?? []).Select(Web.Languages.Canonical).ToList();
        if (languages.Any(l => l is null)) errors.Add(new("languages", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<ContactEntry>.Invalid(errors);

        var entry = new ContactEntry
        {
            OwnerParty = viewer.Party, OwnerAgencyId = agency!.Id, Kind = r.Kind, AgencyId = agency.Id, Name = r.Name!.Trim(), Phone = r.Phone?.Trim() ?? "",
            Email = r.Email?.Trim() ?? "", Hours = r.Hours?.Trim() ?? "", Languages = Borderlink.Features.Notifications.Codes.Join(languages!),
        };
        entry.SearchText = SearchKey.Fold(string.Join(' ', entry.Name, agency.NameEn, agency.NameVi, agency.NameZh, agency.NameFr, entry.Phone, entry.Email));
        entry.SetVisibility(Visibility.Partners, await Reference.PartnerParties.OfAsync(db, clock, viewer.Party, ct), []);
        if (entry.Audience.Count == 0) entry.SetVisibility(Visibility.Internal, [], []);
        db.ContactEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return new Outcome<ContactEntry>.Done(entry, Created: true);
    }

    /// <summary>A shift on one of the party's hotlines, seen by whoever sees the hotline.</summary>
    public static async Task<Outcome<DutyShift>> AddShiftAsync(BorderlinkDb db, ShiftRequest r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<ContactEntry>(db, r.HotlineId, RecordOperation.Edit, ct);
        if (loaded is not Outcome<ContactEntry>.Done { Value: var hotline })
            return loaded is Outcome<ContactEntry>.Forbidden ? new Outcome<DutyShift>.Forbidden() : new Outcome<DutyShift>.NotFound();
        var errors = new List<FieldError>();
        if (hotline.Kind != ContactKind.Hotline) errors.Add(new("hotlineId", "Error.NotAHotline"));
        if (string.IsNullOrWhiteSpace(r.OfficerName)) errors.Add(new("officerName", "Error.Required"));
        else if (r.OfficerName.Length > ContactEntry.FieldMax) errors.Add(new("officerName", "Error.TooLong", ContactEntry.FieldMax));
        if (r.StartsAt is null) errors.Add(new("startsAt", "Error.Required"));
        if (r.EndsAt is null) errors.Add(new("endsAt", "Error.Required"));
        if (r.StartsAt is { } s && r.EndsAt is { } e && e <= s) errors.Add(new("endsAt", "Error.EndBeforeStart"));
        if (errors.Count > 0) return new Outcome<DutyShift>.Invalid(errors);
        var shift = new DutyShift
        {
            OwnerParty = hotline.OwnerParty, OwnerAgencyId = hotline.AgencyId, HotlineId = hotline.Id, OfficerName = r.OfficerName!.Trim(),
            Phone = r.Phone?.Trim() ?? "", StartsAt = r.StartsAt!.Value.ToUniversalTime(), EndsAt = r.EndsAt!.Value.ToUniversalTime(),
        };
        shift.SetVisibility(hotline.Visibility, hotline.Audience, hotline.Restriction);
        db.DutyShifts.Add(shift);
        await db.SaveChangesAsync(ct);
        return new Outcome<DutyShift>.Done(shift, Created: true);
    }

    /// <summary>Contacts the viewer may see whose name, agency, phone or e-mail matches (any spelling), optionally speaking a language.</summary>
    public static async Task<List<ContactEntry>> SearchAsync(BorderlinkDb db, string? q, string? party, string? language, CancellationToken ct = default)
    {
        var contacts = db.ContactEntries.AsNoTracking();
        var key = SearchKey.Fold(q);
        if (key.Length > 0) contacts = contacts.Where(c => c.SearchText.Contains(key));
        if (!string.IsNullOrWhiteSpace(party)) contacts = contacts.Where(c => c.OwnerParty == party);
        if (Web.Languages.Canonical(language) is { } lang)
        {
            var token = CoordinationRecord.Token(lang);
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
