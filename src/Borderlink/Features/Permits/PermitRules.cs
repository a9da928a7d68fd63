using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Permits;

/// <summary>The checks a permit's fields pass when it is issued or changed, and their application to the permit.</summary>
internal static class PermitRules
{
    internal static async Task<List<FieldError>> ApplyAsync(BorderlinkDb db, SpecialItemPermit permit, CreatePermit.Request r, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var gate = await db.GatePairs.AsNoTracking().FirstOrDefaultAsync(g => g.Code == r.GatePair, ct);
        if (gate is null || !gate.HasSide(permit.OwnerParty)) errors.Add(new("gatePair", "Error.UnknownGate", r.GatePair ?? ""));
        FieldChecks.Text(errors, "applicant", r.Applicant, SpecialItemPermit.TextMax, required: true);
        FieldChecks.Text(errors, "consignee", r.Consignee, SpecialItemPermit.TextMax, required: false);
        FieldChecks.Text(errors, "item", r.Item, SpecialItemPermit.TextMax, required: true);
        FieldChecks.Text(errors, "unit", r.Unit, 40, required: false);
        if (!Enum.IsDefined(r.Category)) errors.Add(new("category", "Error.UnknownKind"));
        if (!Enum.IsDefined(r.Packaging)) errors.Add(new("packaging", "Error.UnknownKind"));
        if (r.Quantity is <= 0 or > 1_000_000) errors.Add(new("quantity", "Permits.BadQuantity"));
        if (r.ValidFrom is null) errors.Add(new("validFrom", "Error.Required"));
        if (r.ValidTo is null) errors.Add(new("validTo", "Error.Required"));
        if (r.ValidFrom is { } from && r.ValidTo is { } to && to < from) errors.Add(new("validTo", "Error.EndBeforeStart"));
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0) return errors;
        permit.GatePair = gate!.Code;
        permit.Applicant = r.Applicant!.Trim();
        permit.Consignee = r.Consignee?.Trim() ?? "";
        permit.Category = r.Category;
        permit.Item = r.Item!.Trim();
        permit.Quantity = r.Quantity;
        permit.Unit = r.Unit?.Trim() ?? "";
        permit.Packaging = r.Packaging;
        permit.TowardsChina = r.TowardsChina;
        permit.ValidFrom = r.ValidFrom!.Value;
        permit.ValidTo = r.ValidTo!.Value;
        permit.Language = Languages.Canonical(r.Language)!;
        permit.SetVisibility(Visibility.Partners, [gate.Across(permit.OwnerParty)], []);
        return errors;
    }
}
