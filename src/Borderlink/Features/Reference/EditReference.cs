using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Features.Gazetteer;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Reference;

/// <summary>The four names and the other spellings every reference entry carries.</summary>
public sealed record NamesInput(string? NameEn, string? NameVi, string? NameZh, string? NameFr, string? Aliases)
{
    public const int MaxName = 300;

    /// <summary>Checks the names a request carries; a request that left them out altogether is told so.</summary>
    public static void Validate(NamesInput? names, List<FieldError> errors)
    {
        if (names is null) errors.Add(new("names", "Error.Required"));
        else names.Validate(errors);
    }

    public void Validate(List<FieldError> errors)
    {
        foreach (var (field, value) in new[] { ("nameEn", NameEn), ("nameVi", NameVi), ("nameZh", NameZh), ("nameFr", NameFr) })
        {
            if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, "Error.Required"));
            else if (value.Length > MaxName) errors.Add(new(field, "Error.TooLong", MaxName));
        }
        if (Aliases is { Length: > 2000 }) errors.Add(new("aliases", "Error.TooLong", 2000));
    }

    /// <summary>Aliases arrive one per line or "|"-separated; they are stored "|"-separated, trimmed, without duplicates.</summary>
    public string NormalizedAliases() =>
        string.Join('|', (Aliases ?? "").Split(['|', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal));
}

/// <summary>
/// Administrators correct reference data while the system runs: names, aliases, validity, reporting hours. Nothing
/// here is hard-coded in logic. Each correction is audited and the in-memory indexes are rebuilt.
/// </summary>
public sealed class EditReference(BorderlinkDb db, ReferenceCache cache, GazetteerIndex gazetteer, TimeProvider clock)
{
    public sealed record DiseaseRequest(NamesInput Names, string? Icd10, string? CnClass, string? VnGroup, int? CnReportHours, int? VnReportHours,
        bool Notifiable = true);

    /// <param name="Languages">The party's working languages (its translators write them), first the main one; null keeps them.</param>
    public sealed record PartyRequest(NamesInput Names, string? TimeZone, DateOnly? ValidFrom, DateOnly? ValidTo, string? SuccessorCode,
        IReadOnlyList<string>? Languages = null);

    public sealed record PlaceRequest(NamesInput Names, string? Code, string? ParentCode, string? PartyCode, string? Level);

    public sealed record GatePairRequest(NamesInput Names, string? VnGate, string? CnGate, string? Level, IReadOnlyList<string>? Flows);

    public static readonly string[] FlowKinds = ["people", "goods", "vehicles"];
    private const int MaxHours = 24 * 14;

    public async Task<Outcome<Disease>> SaveDiseaseAsync(string code, DiseaseRequest r, CancellationToken ct = default)
    {
        var disease = await db.Diseases.FirstOrDefaultAsync(d => d.Code == code, ct);
        if (disease is null) return new Outcome<Disease>.NotFound();
        var errors = new List<FieldError>();
        NamesInput.Validate(r.Names, errors);
        foreach (var (field, hours) in new[] { ("cnReportHours", r.CnReportHours), ("vnReportHours", r.VnReportHours) })
        {
            if (hours is < 1 or > MaxHours) errors.Add(new(field, "Error.Range", 1, MaxHours));
        }
        // Each country's law is its own parties' to record: China's reporting hours and class, Viet Nam's hours and group.
        var country = await db.Parties.AsNoTracking().Where(p => p.Code == db.Viewer.Party).Select(p => p.Country).FirstOrDefaultAsync(ct);
        var otherCountrys = new List<string>();
        if (country != "CN" && (r.CnReportHours != disease.CnReportHours || (r.CnClass?.Trim() ?? "") != disease.CnClass)) otherCountrys.Add("cnReportHours");
        if (country != "VN" && (r.VnReportHours != disease.VnReportHours || (r.VnGroup?.Trim() ?? "") != disease.VnGroup)) otherCountrys.Add("vnReportHours");
        if (otherCountrys.Count > 0)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: AuditDetail.OtherCountrysRule(code, db.Viewer.Party));
            await db.SaveChangesAsync(ct);
            errors.AddRange(otherCountrys.Select(f => new FieldError(f, "Error.OtherCountrysLaw")));
        }
        if (errors.Count > 0) return new Outcome<Disease>.Invalid(errors);
        Apply(disease, r.Names);
        disease.Icd10 = r.Icd10?.Trim() ?? "";
        disease.CnClass = r.CnClass?.Trim() ?? "";
        disease.VnGroup = r.VnGroup?.Trim() ?? "";
        disease.CnReportHours = r.CnReportHours;
        disease.VnReportHours = r.VnReportHours;
        disease.Notifiable = r.Notifiable;
        // The viewer's country's column is its own: partners' nodes take it too, so both sides compute the same legal deadline.
        if (country is "CN" or "VN")
        {
            await ReferenceCorrection.PublishAsync(db, clock, CorrectedEntry.CountryLaw, code, c => (c.ReportHours, c.LawClass) =
                country == "CN" ? (disease.CnReportHours, disease.CnClass) : (disease.VnReportHours, disease.VnGroup), ct);
        }
        return await SaveAsync(disease, "disease", code, ct);
    }

    public async Task<Outcome<Party>> SavePartyAsync(string code, PartyRequest r, CancellationToken ct = default)
    {
        var party = await db.Parties.FirstOrDefaultAsync(p => p.Code == code, ct);
        if (party is null) return new Outcome<Party>.NotFound();
        if (party.Code != db.Viewer.Party)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: AuditDetail.OtherParty(code, db.Viewer.Party));
            await db.SaveChangesAsync(ct);
            return new Outcome<Party>.Forbidden();
        }
        var errors = new List<FieldError>();
        NamesInput.Validate(r.Names, errors);
        if (TimeDisplay.Find(r.TimeZone) is null) errors.Add(new("timeZone", "Error.UnknownTimeZone"));
        if (r.ValidFrom is { } from && r.ValidTo is { } to && to < from) errors.Add(new("validTo", "Error.EndBeforeStart"));
        if (!string.IsNullOrEmpty(r.SuccessorCode) && (r.SuccessorCode == code || !await db.Parties.AnyAsync(p => p.Code == r.SuccessorCode, ct)))
            errors.Add(new("successorCode", "Error.UnknownParty", r.SuccessorCode));
        var languages = r.Languages?.Select(Web.Languages.Canonical).ToList();
        if (languages is not null && (languages.Count == 0 || languages.Any(l => l is null))) errors.Add(new("languages", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<Party>.Invalid(errors);
        Apply(party, r.Names);
        if (languages is not null) party.Languages = string.Join('|', languages.Distinct());
        party.TimeZone = r.TimeZone!;
        party.ValidFrom = r.ValidFrom;
        party.ValidTo = r.ValidTo;
        party.SuccessorCode = string.IsNullOrEmpty(r.SuccessorCode) ? null : r.SuccessorCode;
        await ReferenceCorrection.PublishAsync(db, clock, CorrectedEntry.Party, code, party.CopyNamesTo, ct);
        return await SaveAsync(party, "party", code, ct);
    }

    public async Task<Outcome<Place>> SavePlaceAsync(string? code, PlaceRequest r, CancellationToken ct = default)
    {
        var place = code is null ? null : await db.Places.FirstOrDefaultAsync(p => p.Code == code, ct);
        if (code is not null && place is null) return new Outcome<Place>.NotFound();
        // A party's places are that party's: neither an existing place of another party nor a new one under it.
        if ((place is not null && place.PartyCode != db.Viewer.Party) || (r.PartyCode is not null && r.PartyCode != db.Viewer.Party))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: AuditDetail.OtherPlace((code ?? r.Code)!, (place?.PartyCode ?? r.PartyCode)!, db.Viewer.Party));
            await db.SaveChangesAsync(ct);
            return new Outcome<Place>.Forbidden();
        }
        var errors = new List<FieldError>();
        NamesInput.Validate(r.Names, errors);
        if (place is null)
        {
            if (string.IsNullOrWhiteSpace(r.Code) || r.Code.Length > 40) errors.Add(new("code", "Error.Required"));
            else if (await db.Places.AnyAsync(p => p.Code == r.Code, ct)) errors.Add(new("code", "Error.IdTaken"));
        }
        if (!await db.Parties.AnyAsync(p => p.Code == r.PartyCode, ct)) errors.Add(new("partyCode", "Error.UnknownParty", r.PartyCode ?? ""));
        if (!string.IsNullOrEmpty(r.ParentCode) && !await db.Places.AnyAsync(p => p.Code == r.ParentCode, ct) && !await db.Parties.AnyAsync(p => p.Code == r.ParentCode, ct))
            errors.Add(new("parentCode", "Error.UnknownPlace", r.ParentCode));
        if (errors.Count > 0) return new Outcome<Place>.Invalid(errors);
        var created = place is null;
        place ??= db.Places.Add(new Place { Code = r.Code!.Trim().ToUpperInvariant(), PartyCode = r.PartyCode!, NameEn = "" }).Entity;
        Apply(place, r.Names);
        place.PartyCode = r.PartyCode!;
        place.ParentCode = string.IsNullOrEmpty(r.ParentCode) ? null : r.ParentCode;
        place.Level = r.Level?.Trim() ?? "";
        await ReferenceCorrection.PublishAsync(db, clock, CorrectedEntry.Place, place.Code, c =>
        {
            place.CopyNamesTo(c);
            (c.ParentCode, c.Level) = (place.ParentCode, place.Level);
        }, ct);
        var outcome = await SaveAsync(place, "place", place.Code, ct);
        return created && outcome is Outcome<Place>.Done d ? d with { Created = true } : outcome;
    }

    public async Task<Outcome<GatePair>> SaveGatePairAsync(string code, GatePairRequest r, CancellationToken ct = default)
    {
        var gate = await db.GatePairs.FirstOrDefaultAsync(g => g.Code == code, ct);
        if (gate is null) return new Outcome<GatePair>.NotFound();
        // A pair is its two sides': only they correct it, and each names only its own gate.
        if (db.Viewer.Party is not { } party || !gate.HasSide(party))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: AuditDetail.OtherGate(code, db.Viewer.Party));
            await db.SaveChangesAsync(ct);
            return new Outcome<GatePair>.Forbidden();
        }
        var errors = new List<FieldError>();
        if (party != gate.VnParty && r.VnGate is { } vn && vn.Trim() != gate.VnGate) errors.Add(new("vnGate", "Error.OtherSidesGate"));
        if (party != gate.CnParty && r.CnGate is { } cn && cn.Trim() != gate.CnGate) errors.Add(new("cnGate", "Error.OtherSidesGate"));
        NamesInput.Validate(r.Names, errors);
        var flows = r.Flows ?? [];
        errors.AddRange(flows.Where(f => !FlowKinds.Contains(f)).Select(f => new FieldError("flows", "Error.UnknownFlow", f)));
        if (errors.Count > 0) return new Outcome<GatePair>.Invalid(errors);
        Apply(gate, r.Names);
        gate.VnGate = r.VnGate?.Trim() ?? gate.VnGate;
        gate.CnGate = r.CnGate?.Trim() ?? gate.CnGate;
        gate.Level = r.Level?.Trim() ?? gate.Level;
        gate.Flows = string.Join('|', FlowKinds.Where(flows.Contains));
        await ReferenceCorrection.PublishAsync(db, clock, CorrectedEntry.GateSide, code, c => c.GateName = party == gate.VnParty ? gate.VnGate : gate.CnGate, ct);
        return await SaveAsync(gate, "gate-pair", code, ct);
    }

    private static void Apply(IRenamable e, NamesInput names)
    {
        e.NameEn = names.NameEn!.Trim();
        e.NameVi = names.NameVi!.Trim();
        e.NameZh = names.NameZh!.Trim();
        e.NameFr = names.NameFr!.Trim();
        e.Aliases = names.NormalizedAliases();
    }

    private async Task<Outcome<T>> SaveAsync<T>(T entity, string kind, string code, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified && e.Entity is not ReferenceCorrection)
            .SelectMany(e => e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)).ToList();
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.ReferenceSaved(kind, code, changed));
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        gazetteer.Invalidate();
        return new Outcome<T>.Done(entity);
    }
}
