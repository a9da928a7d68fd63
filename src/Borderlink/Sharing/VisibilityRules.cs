using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing;

/// <summary>The rule every record's visibility passes when it is written or shared.</summary>
public static class VisibilityRules
{
    /// <summary>Checks a visibility request against the reference data: current partner parties, known functions.</summary>
    public static async Task<List<FieldError>> ValidateAsync(BorderlinkDb db, string ownerParty, Visibility visibility,
        IReadOnlyCollection<string> audience, IReadOnlyCollection<string> restrictedTo, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Only the parties named (none for an internal record: most writes read nothing here).
        var named = audience.ToList();
        var parties = named.Count == 0 ? [] : await db.Parties.AsNoTracking().Where(p => named.Contains(p.Code)).ToListAsync(ct);
        foreach (var code in audience)
        {
            var party = parties.FirstOrDefault(p => p.Code == code);
            if (party is null || code == ownerParty) errors.Add(new("audience", "Error.UnknownParty", code));
            else if (!party.IsCurrent(today)) errors.Add(new("audience", "Error.PartyNotCurrent", code));
        }
        if (visibility == Visibility.Partners && audience.Count == 0) errors.Add(new("audience", "Error.AudienceRequired"));
        // Parties ticked while the record stays internal: the writer meant to share or did not; either way, ask.
        if (visibility == Visibility.Internal && audience.Count > 0) errors.Add(new("audience", "Error.AudienceWithInternal"));
        if (visibility == Visibility.Restricted)
        {
            if (restrictedTo.Count == 0) errors.Add(new("restrictedTo", "Error.RestrictionRequired"));
            var functions = await db.AgencyFunctions.AsNoTracking().Select(f => f.Code).ToListAsync(ct);
            errors.AddRange(restrictedTo.Where(f => !functions.Contains(f)).Select(f => new FieldError("restrictedTo", "Error.UnknownFunction", f)));
        }
        return errors;
    }
}
