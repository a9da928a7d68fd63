using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using Borderlink.Features.Reference;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Data;

/// <summary>
/// Loads the reference data shipped in Data/Seed/*.csv. Adds what is missing and never overwrites a row:
/// once in the database, reference data belongs to the administrators who correct it.
/// </summary>
public sealed class ReferenceSeeder(BorderlinkDb db, ILogger<ReferenceSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        added += await AddMissing(db.Parties, Read("parties.csv", r => new Party
        {
            Code = r["code"], Country = r["country"], Kind = r["kind"],
            NameEn = r["name_en"], NameVi = r["name_vi"], NameZh = r["name_zh"], NameFr = r["name_fr"],
            Aliases = r["aliases"], TimeZone = r["time_zone"], Languages = r["languages"],
            ValidFrom = Date(r["valid_from"]), ValidTo = Date(r["valid_to"]), SuccessorCode = Null(r["successor"]),
        }), p => p.Code, ct);
        added += await AddMissing(db.AgencyFunctions, Read("agency_functions.csv", r => new AgencyFunction
        {
            Code = r["code"], NameEn = r["name_en"], NameVi = r["name_vi"], NameZh = r["name_zh"], NameFr = r["name_fr"],
            RestrictedExchange = r["restricted_exchange"] == "true",
        }), f => f.Code, ct);
        // The hand-kept places, then the gazetteer built from open datasets (tools/gazetteer; README, "Gazetteer data").
        foreach (var file in new[] { "places.csv", "places-open-data.csv" })
        {
            added += await AddMissing(db.Places, Read(file, r => new Place
            {
                Code = r["code"], ParentCode = Null(r["parent"]), PartyCode = r["party"], Level = r["level"], OfficialCode = r["official_code"],
                NameEn = r["name_en"], NameVi = r["name_vi"], NameZh = r["name_zh"], NameFr = r["name_fr"], Aliases = r["aliases"],
                ValidTo = Date(r["valid_to"]), Successors = r["successors"],
            }), p => p.Code, ct);
        }
        added += await AddMissing(db.GatePairs, Read("gate_pairs.csv", r => new GatePair
        {
            Code = r["code"], VnParty = r["vn_party"], CnParty = r["cn_party"],
            NameEn = r["name_en"], NameVi = r["name_vi"], NameZh = r["name_zh"], NameFr = r["name_fr"],
            VnGate = r["vn_gate"], CnGate = r["cn_gate"], CnPlace = Null(r["cn_place"]), Mode = r["mode"], Level = r["level"],
            Flows = r["flows"], Aliases = r["aliases"],
        }), g => g.Code, ct);
        added += await AddMissing(db.Diseases, Read("diseases.csv", r => new Disease
        {
            Code = r["code"], Icd10 = r["icd10"], NameEn = r["name_en"], NameVi = r["name_vi"], NameZh = r["name_zh"], NameFr = r["name_fr"],
            CnClass = r["cn_class"], VnGroup = r["vn_group"], IhrAnnex2 = r["ihr_annex2"],
            CnReportHours = Hours(r["cn_report_hours"]), VnReportHours = Hours(r["vn_report_hours"]), Notifiable = r["notifiable"] != "false",
        }), d => d.Code, ct);
        added += await AddMissing(db.GlossaryTerms, Read("glossary.csv", r => new Borderlink.Features.Translation.GlossaryTerm
        {
            Code = r["code"], Category = r["category"], NameEn = r["name_en"], NameVi = r["name_vi"], NameZh = r["name_zh"], NameFr = r["name_fr"],
        }), t => t.Code, ct);
        var partnerships = Read("partnerships.csv", r => new Partnership { PartyA = r["party_a"], PartyB = r["party_b"], Scope = r["scope"] });
        var knownPairs = (await db.Partnerships.AsNoTracking().ToListAsync(ct)).Select(p => (p.PartyA, p.PartyB)).ToHashSet();
        var newPairs = partnerships.Where(p => !knownPairs.Contains((p.PartyA, p.PartyB))).ToList();
        db.Partnerships.AddRange(newPairs);
        added += newPairs.Count;
        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            // Saved: the ~2,000 rows are let go, or every later save in this scope (the demo data's among them) would
            // compare each of them for changes again; while the demo users were saved one by one, that was most of a
            // first start's seeding time.
            db.ChangeTracker.Clear();
            logger.LogInformation("Reference data: {Count} rows added from the shipped seed files", added);
        }
    }

    /// <summary>Adds the rows whose key the table lacks; only the keys are read (~2,000 codes, not ~2,000 places with their names).</summary>
    private static async Task<int> AddMissing<T>(DbSet<T> set, List<T> rows, Expression<Func<T, string>> key, CancellationToken ct) where T : class
    {
        var existing = (await set.AsNoTracking().Select(key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var keyOf = key.Compile();
        var missing = rows.Where(r => !existing.Contains(keyOf(r))).ToList();
        set.AddRange(missing);
        return missing.Count;
    }

    /// <summary>
    /// Reads one of the embedded seed files; each row is handed over as a column → value map. A file is parsed once per
    /// process (they are part of the program), the rows made anew each time.
    /// </summary>
    internal static List<T> Read<T>(string file, Func<IReadOnlyDictionary<string, string>, T> map) =>
        Parsed.GetOrAdd(file, Parse).Select(map).ToList();

    private static readonly ConcurrentDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> Parsed = new(StringComparer.Ordinal);

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string file)
    {
        using var stream = typeof(ReferenceSeeder).Assembly.GetManifestResourceStream($"Borderlink.Data.Seed.{file}")
            ?? throw new InvalidOperationException($"Seed file {file} is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        return csv.GetRecords<dynamic>()
            .Select(row => (IReadOnlyDictionary<string, string>)((IDictionary<string, object>)row).ToDictionary(kv => kv.Key, kv => (string)kv.Value))
            .ToList();
    }

    private static string? Null(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
    private static DateOnly? Date(string value) => string.IsNullOrWhiteSpace(value) ? null : DateOnly.Parse(value, CultureInfo.InvariantCulture);
    private static int? Hours(string value) => int.TryParse(value, CultureInfo.InvariantCulture, out var h) ? h : null;
}
