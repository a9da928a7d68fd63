using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Directory;

/// <summary>An agency publishes a contact (a hotline, a desk, a person) in the directory its partners read.</summary>
public static class PublishContact
{
    public sealed record Request(ContactKind Kind, Guid AgencyId, string? Name, string? Phone, string? Email, string? Hours, IReadOnlyList<string>? Languages);

    /// <summary>An officer publishes a contact of one of the party's agencies; it is shared with the mechanism's partners at once (that is its purpose).</summary>
    public static async Task<Outcome<ContactEntry>> HandleAsync(BorderlinkDb db, TimeProvider clock, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer) return new Outcome<ContactEntry>.Forbidden();
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
            Email = r.Email?.Trim() ?? "", Hours = r.Hours?.Trim() ?? "", Languages = Codes.Join(languages!),
        };
        entry.SearchText = SearchKey.Fold(string.Join(' ', entry.Name, agency.NameEn, agency.NameVi, agency.NameZh, agency.NameFr, entry.Phone, entry.Email));
        entry.SetVisibility(Visibility.Partners, await Reference.PartnerParties.OfAsync(db, clock, viewer.Party, ct), []);
        if (entry.Audience.Count == 0) entry.SetVisibility(Visibility.Internal, [], []);
        db.ContactEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return new Outcome<ContactEntry>.Done(entry, Created: true);
    }
}
