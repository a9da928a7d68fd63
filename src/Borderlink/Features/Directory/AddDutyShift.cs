using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Directory;

/// <summary>A hotline's agency adds an officer's shift to its duty roster.</summary>
public static class AddDutyShift
{
    public sealed record Request(Guid HotlineId, string? OfficerName, string? Phone, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

    /// <summary>A shift on one of the party's hotlines, seen by whoever sees the hotline.</summary>
    public static async Task<Outcome<DutyShift>> HandleAsync(BorderlinkDb db, Request r, CancellationToken ct = default)
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
}
