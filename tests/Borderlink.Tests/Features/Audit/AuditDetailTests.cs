using System.Reflection;
using Borderlink.Features.Audit;
using Borderlink.Features.Notes;
using Borderlink.Sharing;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Borderlink.Tests.Features.Audit;

/// <summary>
/// Every sentence an audit line can carry — found by reflection, so a new one is covered without editing this test —
/// is a known key and reads as words in each of the four languages: no placeholder left, no stored code shown, every
/// word it refers to (a role, a scope, a kind) present in each language.
/// </summary>
public sealed class AuditDetailTests
{
    private static readonly IStringLocalizer L = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(Borderlink.SharedResource));

    private static readonly string[] Cultures = ["en", "vi", "zh-Hans", "fr"];

    /// <summary>Each factory with arguments a caller would pass: words that exist for the parameters that name words.</summary>
    public static TheoryData<string> Sentences()
    {
        var data = new TheoryData<string>();
        foreach (var (name, detail) in All()) data.Add(name);
        return data;
    }

    private static IEnumerable<(string Name, AuditDetail Detail)> All() =>
        new[] { typeof(AuditDetail) }.Concat(typeof(AuditDetail).GetNestedTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.ReturnType == typeof(AuditDetail) && m.Name != nameof(AuditDetail.Read))
            .Select(m => ($"{m.DeclaringType!.Name}.{m.Name}", (AuditDetail)m.Invoke(null, [.. m.GetParameters().Select(p => Sample(m, p))])!));

    private static object? Sample(MethodInfo method, ParameterInfo p) => (p.ParameterType, p.Name) switch
    {
        (_, "roles") => new[] { "liaison", "Officer" },
        (_, "scopes") => new[] { "liaison-notes", "gates" },
        (_, "keys") or (_, "nodes") => new[] { "k-1", "k-2" },
        (_, "fields") => new[] { "NameVi" },
        (_, "responseKind") => "MeasuresTaken",
        (_, "alertKind") => "measure-overdue",
        (_, "role") => "liaison",
        (_, "kind") when method.Name == nameof(AuditDetail.VectorThreshold) => "Rodent",
        (_, "kind") when method.Name == nameof(AuditDetail.ReferenceSaved) => "gate-pair",
        (_, "parties") => "|CN-GX|VN-09|",
        (var t, var n) when t == typeof(string) && (n!.Contains("party", StringComparison.OrdinalIgnoreCase) || n is "addressee" or "alerted" or "owner") => "VN-09",
        (var t, var n) when t == typeof(string) && n!.Contains("gate", StringComparison.OrdinalIgnoreCase) => "HUUNGHI-YOUYIGUAN",
        (var t, _) when t == typeof(string) => "sample-text",
        (var t, _) when t == typeof(int) || t == typeof(int?) => 7,
        (var t, _) when t == typeof(long) || t == typeof(long?) => 7L,
        (var t, _) when t == typeof(double) => 2.5,
        (var t, _) when t == typeof(bool) => true,
        (var t, _) when t == typeof(Guid) => Guid.Empty,
        (var t, _) when t == typeof(DateOnly) => new DateOnly(2026, 12, 2),
        (var t, _) when t == typeof(DateTimeOffset?) => new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero),
        (var t, _) when t == typeof(RecordOperation) => RecordOperation.Edit,
        (var t, _) when t == typeof(Borderlink.Web.FieldError) => new Borderlink.Web.FieldError("permitId", "Permits.Expired", "2026-11-30"),
        (var t, _) when t == typeof(CoordinationRecord) => new LiaisonNote { Title = "t", Body = "b", Language = "vi", OwnerParty = "VN-09", Visibility = Visibility.Partners, AudienceParties = "|CN-GX|" },
        var (t, n) => throw new InvalidOperationException($"{method.Name}: no sample for {t.Name} {n}; add one here"),
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Each_sentence_reads_as_words_in_each_language(string sentence)
    {
        var detail = All().Single(s => s.Name == sentence).Detail;
        Assert.Contains(detail.Key, AuditDetail.All);
        var stored = detail.Stored();
        Assert.Equal(detail.Key, AuditDetail.Read(stored)?.Key);
        foreach (var culture in Cultures)
        {
            var words = Borderlink.Web.Languages.In(culture, () => AuditDetail.Words(L, stored, reference: null));
            Assert.False(words.Contains('{', StringComparison.Ordinal) || words.Contains("AuditDetail.", StringComparison.Ordinal), $"{culture}: {words}");
            Assert.DoesNotMatch(@"(^|[\s(])(x|n|p|ps|fs|g|a|d|t|w|ws|m):", words);
            // A word argument is shown as its words, not its resource key.
            foreach (var key in detail.Args.Where(a => a.StartsWith("w:", StringComparison.Ordinal) || a.StartsWith("ws:", StringComparison.Ordinal))
                         .SelectMany(a => a[(a.IndexOf(':') + 1)..].Split('|')))
            {
                Assert.False(Borderlink.Web.Languages.In(culture, () => L[key].ResourceNotFound), $"{culture}: no words for {key} in {sentence}");
            }
        }
    }

    [Fact]
    public void The_sentences_are_found_and_said_in_the_readers_language()
    {
        // Positive controls for the theory above: it reads the factories, and a sentence comes out in each language.
        Assert.True(All().Count() > 80, $"only {All().Count()} sentences found");
        var health = new Borderlink.Features.Reference.Agency { PartyCode = "VN-09", FunctionCode = "health", NameEn = "Lang Son Department of Health", NameVi = "Sở Y tế Lạng Sơn" };
        var reference = new Borderlink.Features.Reference.ReferenceCache.Snapshot([], [], [health], []);
        var stored = AuditDetail.UserCreated("langson.liaison", health.Id, ["liaison"]).Stored();
        Assert.Equal("Đã tạo người dùng langson.liaison tại Sở Y tế Lạng Sơn với vai trò liên lạc — có thể chia sẻ với đối tác",
            Borderlink.Web.Languages.In("vi", () => AuditDetail.Words(L, stored, reference)));
        var expired = AuditDetail.CrossingPermitRefused("HUUNGHI-YOUYIGUAN", "p-1", new("permitId", "Permits.Expired", "2026-11-30")).Stored();
        Assert.Contains("2026-11-30", Borderlink.Web.Languages.In("fr", () => AuditDetail.Words(L, expired, reference: null)), StringComparison.Ordinal);
        // A line written as plain text before sentences existed is shown as it was written.
        Assert.Equal("two-factor", AuditDetail.Words(L, "two-factor", reference: null));
    }
}
