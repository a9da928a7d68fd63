using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Reference;

/// <summary>What a party corrects that is its own: its entry, one of its places, its gate of a pair, its country's law for a disease.</summary>
public enum CorrectedEntry
{
    /// <summary>The party's names and other spellings (<see cref="ReferenceCorrection.Code"/>: the party).</summary>
    Party = 0,
    /// <summary>A place of the party, corrected or added: names, spellings, parent, level.</summary>
    Place = 1,
    /// <summary>The party's gate of a gate pair (<see cref="ReferenceCorrection.GateName"/>).</summary>
    GateSide = 2,
    /// <summary>The party's country's reporting hours and class for a disease.</summary>
    CountryLaw = 3,
}

/// <summary>
/// A party's correction of reference data it owns, published to its partner parties so their nodes hold the same entry
/// (issue 18 item 1): one record per entry, a new version with each correction. A partner node applies it only where the
/// entry is the sender's by its own reference data (<see cref="ApplyReferenceCorrections"/>): nobody's correction moves
/// another party's place, gate or country's law there.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/reference")]
public sealed class ReferenceCorrection : CoordinationRecord, IRenamable
{
    public const string TypeName = "reference-correction";

    public CorrectedEntry Entry { get; set; }
    /// <summary>The party, place, gate pair or disease code.</summary>
    public required string Code { get; set; }
    public string NameEn { get; set; } = "";
    public string NameVi { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string Aliases { get; set; } = "";
    public string? ParentCode { get; set; }
    public string Level { get; set; } = "";
    public string GateName { get; set; } = "";
    public int? ReportHours { get; set; }
    public string LawClass { get; set; } = "";

    /// <summary>Records the owner's entry as it now stands, in the party's one correction of it, shared with all its partners.</summary>
    public static async Task PublishAsync(BorderlinkDb db, TimeProvider clock, CorrectedEntry entry, string code, Action<ReferenceCorrection> fill, CancellationToken ct)
    {
        if (db.Viewer.Party is not { } party || db.Viewer.AgencyId is not { } agency) return;
        var correction = await db.ReferenceCorrections.FirstOrDefaultAsync(c => c.OwnerParty == party && c.Entry == entry && c.Code == code && c.OriginNode == null, ct);
        if (correction is null)
        {
            correction = new ReferenceCorrection { OwnerParty = party, OwnerAgencyId = agency, Entry = entry, Code = code };
            db.ReferenceCorrections.Add(correction);
        }
        fill(correction);
        var partners = await PartnerParties.OfAsync(db, clock, party, ct);
        correction.SetVisibility(partners.Count > 0 ? Visibility.Partners : Visibility.Internal, partners, []);
    }
}

/// <summary>
/// A step of every save: a partner's correction arriving here is applied to this node's reference data in the same
/// transaction, where the entry is that partner's own — its party entry, a place of its party (or a new one under it),
/// its gate of a pair, its country's column of a disease. Anything else is left as it is and audited.
/// </summary>
public sealed class ApplyReferenceCorrections(ReferenceCache cache, GazetteerIndex gazetteer) : ISaveStep
{
    public async Task PrepareAsync(PendingSave save, CancellationToken ct)
    {
        var db = save.Db;
        var applied = false;
        foreach (var entry in save.Changed)
        {
            if (entry.Entity is not ReferenceCorrection { IsReplica: true } c || entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            if (await ApplyAsync(db, c, ct)) applied = true;
            else db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, c, Audit.AuditDetail.CorrectionNotTheirs(c.Code, c.OwnerParty));
        }
        if (applied)
        {
            save.AfterCommit(() =>
            {
                cache.Invalidate();
                gazetteer.Invalidate();
            });
        }
    }

    private static async Task<bool> ApplyAsync(BorderlinkDb db, ReferenceCorrection c, CancellationToken ct)
    {
        switch (c.Entry)
        {
            case CorrectedEntry.Party when c.Code == c.OwnerParty && await db.Parties.FirstOrDefaultAsync(p => p.Code == c.Code, ct) is { } party:
                Rename(c, party);
                return true;
            case CorrectedEntry.Place:
                var place = await db.Places.FirstOrDefaultAsync(p => p.Code == c.Code, ct);
                if (place is null)
                {
                    if (c.ParentCode is { } parent && !await db.Places.AnyAsync(p => p.Code == parent, ct) && parent != c.OwnerParty) return false;
                    place = db.Places.Add(new Place { Code = c.Code, PartyCode = c.OwnerParty, NameEn = "" }).Entity;
                }
                else if (place.PartyCode != c.OwnerParty)
                {
                    return false;
                }
                Rename(c, place);
                place.ParentCode = c.ParentCode;
                place.Level = c.Level;
                return true;
            case CorrectedEntry.GateSide when await db.GatePairs.FirstOrDefaultAsync(g => g.Code == c.Code, ct) is { } gate && gate.HasSide(c.OwnerParty):
                if (gate.VnParty == c.OwnerParty) gate.VnGate = c.GateName;
                else gate.CnGate = c.GateName;
                return true;
            case CorrectedEntry.CountryLaw when await db.Diseases.FirstOrDefaultAsync(d => d.Code == c.Code, ct) is { } disease:
                var country = await db.Parties.AsNoTracking().Where(p => p.Code == c.OwnerParty).Select(p => p.Country).FirstOrDefaultAsync(ct);
                if (country == "CN") (disease.CnReportHours, disease.CnClass) = (c.ReportHours, c.LawClass);
                else if (country == "VN") (disease.VnReportHours, disease.VnGroup) = (c.ReportHours, c.LawClass);
                else return false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A correction without an English name carries no names (a gate side, a country's law): the entry keeps its own.</summary>
    private static void Rename(ReferenceCorrection c, IRenamable target)
    {
        if (!string.IsNullOrWhiteSpace(c.NameEn)) c.CopyNamesTo(target);
    }
}

internal sealed class ReferenceCorrectionConfig : IEntityTypeConfiguration<ReferenceCorrection>
{
    public void Configure(EntityTypeBuilder<ReferenceCorrection> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.Code).HasMaxLength(60);
        foreach (var name in new[] { nameof(ReferenceCorrection.NameEn), nameof(ReferenceCorrection.NameVi), nameof(ReferenceCorrection.NameZh), nameof(ReferenceCorrection.NameFr) })
            b.Property(name).HasMaxLength(NamesInput.MaxName);
        b.Property(c => c.Aliases).HasMaxLength(2000);
        b.Property(c => c.ParentCode).HasMaxLength(60);
        b.Property(c => c.Level).HasMaxLength(40);
        b.Property(c => c.GateName).HasMaxLength(NamesInput.MaxName);
        b.Property(c => c.LawClass).HasMaxLength(100);
        b.HasIndex(c => new { c.Entry, c.Code });
    }
}
