using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Minutes;

/// <summary>An amendment to locked minutes: new minutes of the same meeting and parties, numbered, signed on their own.</summary>
public static class AmendMinutes
{
    /// <summary>An amendment to locked minutes: new minutes of the same meeting and parties, numbered, signed on their own.</summary>
    public static async Task<Outcome<MeetingMinutes>> HandleAsync(BorderlinkDb db, Guid id, CreateMinutes.Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<MeetingMinutes>(db, id, RecordOperation.Edit, ct);
        if (loaded is not Outcome<MeetingMinutes>.Done { Value: var amended }) return loaded;
        if (!db.Viewer.IsLiaison) return await MinutesRules.RefuseAsync(db, amended, "amend minutes", ct);
        var original = amended.AmendsId is { } rootId ? await db.Minutes.FirstAsync(m => m.Id == rootId, ct) : amended;
        if (!(await MinutesRules.StateAsync(db, original, ct)).Locked)
            return new Outcome<MeetingMinutes>.Conflict("minutes-not-locked", "Minutes.NotLockedAmend");
        var errors = MinutesRules.Check(request);
        if (request.LanguageA != original.LanguageA || request.LanguageB != original.LanguageB) errors.Add(new("languageA", "Minutes.AmendSameLanguages"));
        if (errors.Count > 0) return new Outcome<MeetingMinutes>.Invalid(errors);

        var number = await db.Minutes.Where(m => m.AmendsId == original.Id).Select(m => (int?)m.AmendmentNumber).MaxAsync(ct) ?? 0;
        var amendment = new MeetingMinutes
        {
            OwnerParty = original.OwnerParty, OwnerAgencyId = db.Viewer.AgencyId!.Value, MeetingId = original.MeetingId, AmendsId = original.Id,
            AmendmentNumber = number + 1, LanguageA = "", LanguageB = "", TitleA = "", TitleB = "", SigningParties = original.SigningParties,
        };
        MinutesRules.Apply(amendment, request);
        amendment.SetVisibility(original.Visibility, original.Audience, []);
        db.Minutes.Add(amendment);
        await db.SaveChangesAsync(ct);
        return new Outcome<MeetingMinutes>.Done(amendment, Created: true);
    }
}
