using System.Globalization;
using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Translation;

/// <summary>One term in the four languages, and where it comes from.</summary>
public sealed record GlossaryEntry(string Category, string Code, string En, string Vi, string Zh, string Fr) : INamed
{
    string INamed.NameEn => En;
    string INamed.NameVi => Vi;
    string INamed.NameZh => Zh;
    string INamed.NameFr => Fr;
}

/// <summary>
/// The translators' glossary: diseases, parties, agency functions and gate pairs as the reference data names them, and
/// the standard terms of measures and of the mechanism (shipped, then kept by liaisons). Searched in any language and
/// spelling ("cach ly", "隔离", "quarantine" find the same term).
/// </summary>
public static class Glossary
{
    public static readonly string[] Categories = ["disease", "party", "agency", "gate", "measure", "mechanism"];

    public static async Task<List<GlossaryEntry>> AllAsync(BorderlinkDb db, CancellationToken ct = default)
    {
        var entries = new List<GlossaryEntry>();
        entries.AddRange((await db.Diseases.AsNoTracking().ToListAsync(ct)).Select(d => Entry("disease", d.Code, d)));
        entries.AddRange((await db.Parties.AsNoTracking().ToListAsync(ct)).Select(p => Entry("party", p.Code, p)));
        entries.AddRange((await db.AgencyFunctions.AsNoTracking().ToListAsync(ct)).Select(f => Entry("agency", f.Code, f)));
        entries.AddRange((await db.GatePairs.AsNoTracking().ToListAsync(ct)).Select(g => Entry("gate", g.Code, g)));
        entries.AddRange((await db.GlossaryTerms.AsNoTracking().ToListAsync(ct)).Select(t => Entry(t.Category, t.Code, t)));
        return entries.OrderBy(e => Array.IndexOf(Categories, e.Category)).ThenBy(e => e.En, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static async Task<List<GlossaryEntry>> SearchAsync(BorderlinkDb db, string? query, string? category, CancellationToken ct = default)
    {
        var key = SearchKey.Fold(query);
        return (await AllAsync(db, ct))
            .Where(e => string.IsNullOrEmpty(category) || e.Category == category)
            .Where(e => key.Length == 0 || new[] { e.En, e.Vi, e.Zh, e.Fr, e.Code }.Any(n => SearchKey.Fold(n).Contains(key, StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>The glossary terms that occur in a text (in its language), to show a translator their equivalents.</summary>
    public static async Task<List<GlossaryEntry>> InTextAsync(BorderlinkDb db, string text, string language, CancellationToken ct = default)
    {
        var folded = SearchKey.Fold(text);
        var culture = CultureInfo.GetCultureInfo(language);
        return (await AllAsync(db, ct)).Where(e => SearchKey.Fold(e.Name(culture)) is { Length: >= 2 } name && folded.Contains(name, StringComparison.Ordinal))
            .Take(50).ToList();
    }

    /// <summary>A liaison adds or corrects a standard term (measures and the mechanism's own vocabulary).</summary>
    public static async Task<Outcome<GlossaryTerm>> SaveTermAsync(BorderlinkDb db, TimeProvider clock, string? code, string? category, string? en, string? vi, string? zh,
        string? fr, CancellationToken ct = default)
    {
        if (!db.Viewer.IsLiaison) return new Outcome<GlossaryTerm>.Forbidden();
        var errors = new List<FieldError>();
        var slug = string.IsNullOrWhiteSpace(code) ? SearchKey.Fold(en) : code.Trim().ToLowerInvariant();
        if (slug.Length is 0 or > 60 || !slug.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) errors.Add(new("code", "Translation.BadCode"));
        if (category is not ("measure" or "mechanism")) errors.Add(new("category", "Error.UnknownKind"));
        FieldChecks.Text(errors, "en", en, GlossaryTerm.TermMax, required: true);
        FieldChecks.Text(errors, "vi", vi, GlossaryTerm.TermMax, required: true);
        FieldChecks.Text(errors, "zh", zh, GlossaryTerm.TermMax, required: true);
        FieldChecks.Text(errors, "fr", fr, GlossaryTerm.TermMax, required: true);
        if (errors.Count > 0) return new Outcome<GlossaryTerm>.Invalid(errors);
        var term = await db.GlossaryTerms.FirstOrDefaultAsync(t => t.Code == slug, ct);
        var created = term is null;
        term ??= db.GlossaryTerms.Add(new GlossaryTerm { Code = slug, Category = category!, NameEn = "" }).Entity;
        term.Category = category!;
        term.NameEn = en!.Trim();
        term.NameVi = vi!.Trim();
        term.NameZh = zh!.Trim();
        term.NameFr = fr!.Trim();
        term.UpdatedAt = clock.GetUtcNow();
        term.UpdatedBy = db.Viewer.Name;
        db.Audit(Audit.AuditActions.Admin, Audit.AuditOutcomes.Ok, detail: Audit.AuditDetail.GlossaryTerm(slug, created));
        await db.SaveChangesAsync(ct);
        return new Outcome<GlossaryTerm>.Done(term, created);
    }

    private static GlossaryEntry Entry(string category, string code, INamed n) => new(category, code, n.NameEn, n.NameVi, n.NameZh, n.NameFr);
}
