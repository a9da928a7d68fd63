using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Measures;

/// <summary>A party takes on a measure agreed at a meeting, in minutes, in an agreement or after a drill it took part in; the measure is shared with the other parties of that source it concerns (none other).</summary>
public static class CreateMeasure
{
    public sealed record Request(string? What, string? Language, DateOnly? DueOn, Guid? AgencyId, MeasureSource SourceKind, Guid SourceId,
        IReadOnlyList<string>? Concerns = null);

    public static async Task<Outcome<AgreedMeasure>> HandleAsync(BorderlinkDb db, TimeProvider clock, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer) return new Outcome<AgreedMeasure>.Forbidden();
        var origin = await MeasureRules.OriginAsync(db, r.SourceKind, r.SourceId, ct);
        var errors = new List<FieldError>();
        if (origin is null) errors.Add(new("sourceId", "Measures.UnknownSource"));
        else if (!origin.Parties.Contains(viewer.Party)) errors.Add(new("sourceId", "Measures.NotAParty"));
        var concerns = (r.Concerns ?? origin?.Parties ?? []).Where(p => p != viewer.Party).Distinct(StringComparer.Ordinal).ToList();
        if (origin is not null)
            errors.AddRange(concerns.Where(p => !origin.Parties.Contains(p)).Select(p => new FieldError("concerns", "Measures.NotAtSource", p)));
        errors.AddRange(await MeasureRules.CheckAsync(db, r, ct));
        if (errors.Count > 0) return new Outcome<AgreedMeasure>.Invalid(errors);

        var measure = new AgreedMeasure
        {
            OwnerParty = viewer.Party, OwnerAgencyId = r.AgencyId ?? viewer.AgencyId.Value, What = r.What!.Trim(), Language = Languages.Canonical(r.Language)!,
            DueOn = r.DueOn!.Value, Status = MeasureStatus.Planned, SourceKind = r.SourceKind, SourceId = r.SourceId, MeetingId = origin!.MeetingId,
        };
        measure.SetVisibility(concerns.Count > 0 ? Visibility.Partners : Visibility.Internal, concerns, []);
        db.AgreedMeasures.Add(measure);
        await db.SaveChangesAsync(ct);
        return new Outcome<AgreedMeasure>.Done(measure, Created: true);
    }
}
