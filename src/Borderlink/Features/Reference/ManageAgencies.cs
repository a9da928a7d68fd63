using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Reference;

public sealed record AgencyDto(Guid Id, string PartyCode, string FunctionCode, string Name, string NameEn, string NameVi, string NameZh, string NameFr,
    string Hotline, bool Active)
{
    public static AgencyDto From(Agency a) => new(a.Id, a.PartyCode, a.FunctionCode, a.Name(), a.NameEn, a.NameVi, a.NameZh, a.NameFr, a.Hotline, a.Active);
}

/// <summary>A party's administrators add and correct their own party's agencies; names in all four languages.</summary>
public sealed class ManageAgencies(BorderlinkDb db, ReferenceCache cache)
{
    public sealed record Request(string? FunctionCode, string? NameEn, string? NameVi, string? NameZh, string? NameFr, string? Hotline, bool Active = true);

    public async Task<Outcome<Agency>> SaveAsync(Guid? id, Request request, CancellationToken ct = default)
    {
        var party = db.Viewer.Party!;
        Agency? agency = null;
        if (id is { } existing)
        {
            agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == existing && a.PartyCode == party, ct);
            if (agency is null)
            {
                db.Audit(AuditActions.Refused, AuditOutcomes.NotFound, detail: AuditDetail.AgencyOutsideParty(existing.ToString()!));
                await db.SaveChangesAsync(ct);
                return new Outcome<Agency>.NotFound();
            }
        }
        var errors = new List<FieldError>();
        if (!await db.AgencyFunctions.AnyAsync(f => f.Code == request.FunctionCode, ct)) errors.Add(new("functionCode", "Error.UnknownFunction", request.FunctionCode ?? ""));
        foreach (var (field, value) in new[] { ("nameEn", request.NameEn), ("nameVi", request.NameVi), ("nameZh", request.NameZh), ("nameFr", request.NameFr) })
        {
            if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, "Error.Required"));
            else if (value.Length > 300) errors.Add(new(field, "Error.TooLong", 300));
        }
        if (request.Hotline is { Length: > 100 }) errors.Add(new("hotline", "Error.TooLong", 100));
        if (errors.Count > 0) return new Outcome<Agency>.Invalid(errors);

        var created = agency is null;
        agency ??= db.Agencies.Add(new Agency { PartyCode = party, FunctionCode = request.FunctionCode!, NameEn = "" }).Entity;
        agency.FunctionCode = request.FunctionCode!;
        agency.NameEn = request.NameEn!.Trim();
        agency.NameVi = request.NameVi!.Trim();
        agency.NameZh = request.NameZh!.Trim();
        agency.NameFr = request.NameFr!.Trim();
        agency.Hotline = request.Hotline?.Trim() ?? "";
        agency.Active = request.Active;
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.Agency(agency.NameEn, created));
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return new Outcome<Agency>.Done(agency, created);
    }
}
