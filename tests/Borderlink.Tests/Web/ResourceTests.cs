using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace Borderlink.Tests.Web;

/// <summary>Every UI string exists, non-empty, in all four languages; every key the code asks for exists.</summary>
public sealed partial class ResourceTests
{
    private static readonly ResourceManager Resources = new("Borderlink.Resources.SharedResource", typeof(Borderlink.SharedResource).Assembly);

    internal static Dictionary<string, string> Entries(string culture)
    {
        var set = Resources.GetResourceSet(culture == "" ? CultureInfo.InvariantCulture : new CultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture}'");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("zh-Hans")]
    [InlineData("fr")]
    public void Every_key_is_translated(string culture)
    {
        var neutral = Entries("");
        var translated = Entries(culture);
        var missing = neutral.Keys.Where(k => !translated.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        var extra = translated.Keys.Except(neutral.Keys).ToList();
        Assert.True(missing.Count == 0, $"{culture} lacks: {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"{culture} has keys English lacks: {string.Join(", ", extra)}");
        Assert.True(neutral.Count > 100);
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("zh-Hans")]
    [InlineData("fr")]
    public void Placeholders_match_English(string culture)
    {
        var neutral = Entries("");
        var translated = Entries(culture);
        foreach (var (key, english) in neutral)
        {
            Assert.True(Placeholders(english).SetEquals(Placeholders(translated[key])), $"{culture} {key}: placeholders differ");
        }
    }

    /// <summary>Words the code builds its key for (a state's name), which the scan of literal keys cannot see.</summary>
    [Fact]
    public void Every_partner_state_has_its_words()
    {
        var neutral = Entries("");
        var missing = Borderlink.Sharing.Exchange.PartnerStatusDto.States.Select(s => "Partners.State." + s).Where(k => !neutral.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"missing: {string.Join(", ", missing)}");
        Assert.Equal("Unreachable", neutral["Partners.State.unreachable"]);
    }

    /// <summary>The audit trail shows words for every action and outcome, not the codes it stores.</summary>
    [Fact]
    public void Every_audit_action_and_outcome_has_its_words()
    {
        var neutral = Entries("");
        var keys = Borderlink.Features.Audit.AuditActions.All.Select(a => "AuditAction." + a)
            .Concat(Borderlink.Features.Audit.AuditOutcomes.All.Select(o => "AuditOutcome." + o)).ToList();
        Assert.Equal(23, keys.Count);
        var missing = keys.Where(k => !neutral.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"missing: {string.Join(", ", missing)}");
        Assert.Equal("Sign-in failed", neutral["AuditAction.login-failed"]);
    }

    [Fact]
    public async Task Every_time_zone_a_person_sees_has_its_name_in_each_language()
    {
        var parties = await System.IO.File.ReadAllLinesAsync(System.IO.Path.Combine(Borderlink.Tests.Infrastructure.Repository.Root(), "src", "Borderlink", "Data", "Seed", "parties.csv"));
        var column = parties[0].Split(',').ToList().IndexOf("time_zone");
        var zones = Borderlink.Web.TimeDisplay.OfferedZones.Concat(parties.Skip(1).Select(l => l.Split(',')[column])).Distinct().ToList();
        Assert.Contains("Asia/Shanghai", zones);
        AssertEachLanguageHas(zones.Select(z => "Zone." + z).ToList());
        Assert.Equal("北京时间", Entries("zh-Hans")["Zone.Asia/Shanghai"]);
    }

    [Fact]
    public async Task Every_gate_mode_in_the_reference_data_and_every_standard_level_has_its_words()
    {
        var pairs = await System.IO.File.ReadAllLinesAsync(System.IO.Path.Combine(Borderlink.Tests.Infrastructure.Repository.Root(), "src", "Borderlink", "Data", "Seed", "gate_pairs.csv"));
        var mode = pairs[0].Split(',').ToList().IndexOf("mode");
        var modes = pairs.Skip(1).Select(l => l.Split(',')[mode]).Distinct().ToList();
        Assert.Contains("road", modes);
        Assert.Subset(Borderlink.Features.Reference.GateWords.Modes.ToHashSet(), modes.ToHashSet());
        var keys = modes.Select(m => "GateMode." + m).Concat(Borderlink.Features.Reference.GateWords.Levels.Select(l => "GateLevel." + l)).ToList();
        AssertEachLanguageHas(keys);
    }

    [Fact]
    public void Every_token_scope_has_a_name_in_each_language()
    {
        var keys = Borderlink.Features.Accounts.ApiScopes.All.Select(s => "ApiScope." + s).ToList();
        Assert.Contains("ApiScope.liaison-notes", keys); // positive control: the enumeration reads the scopes
        AssertEachLanguageHas(keys);
    }

    [Fact]
    public void Every_record_type_and_audit_detail_has_words_in_each_language()
    {
        var keys = Borderlink.Sharing.Exchange.RecordTypes.ByName.Keys.Select(t => "RecordType." + t)
            .Concat(Borderlink.Features.Audit.AuditDetail.All.Select(d => "AuditDetail." + d)).ToList();
        Assert.Contains("RecordType.liaison-note", keys); // positive control: the enumeration reads the record types
        AssertEachLanguageHas(keys);
    }

    [Fact]
    public void Every_map_overlay_has_its_name_and_legend_in_each_language()
    {
        var overlays = Enum.GetValues<Borderlink.Features.Gates.Map.MapOverlay>();
        var keys = overlays.Select(o => "MapOverlay." + o)
            .Concat(overlays.Where(o => o != Borderlink.Features.Gates.Map.MapOverlay.None).Select(o => "MapOverlayLegend." + o)).ToList();
        Assert.Contains("MapOverlayLegend.Congestion", keys); // positive control: the enumeration reads the overlays
        AssertEachLanguageHas(keys);
    }

    /// <summary>Each key has an entry in the neutral (English), Vietnamese, Chinese and French resources.</summary>
    private static void AssertEachLanguageHas(IReadOnlyCollection<string> keys)
    {
        foreach (var culture in new[] { "", "vi", "zh-Hans", "fr" })
        {
            var entries = Entries(culture);
            var missing = keys.Where(k => !entries.ContainsKey(k)).ToList();
            Assert.True(missing.Count == 0, $"{culture}: no words for {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var root = Borderlink.Tests.Infrastructure.Repository.Root();
        var neutral = Entries("");
        var used = Directory.EnumerateFiles(Path.Combine(root, "src", "Borderlink"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .SelectMany(text => LocalizerKey().Matches(text).Concat(ErrorKey().Matches(text)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.')) // keys built at run time ("Visibility." + value) are covered by the enum tests
            .Distinct().ToList();
        Assert.True(used.Count > 50);
        var missing = used.Where(k => !neutral.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "used but missing: " + string.Join(", ", missing));
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).ToHashSet();


    [GeneratedRegex(@"L\[""([A-Za-z0-9.]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"""((?:Error|Problem)\.[A-Za-z]+)""")]
    private static partial Regex ErrorKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
