using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Web;

/// <summary>
/// Another party learns nothing of a party's unshared records and changes none of them. One record of every record
/// type is stored for Lang Son (built from the type itself, so a new type is covered without editing this test); then
/// Cao Bang sends every id-addressed API operation and opens every id-addressed page with each of those ids, and with
/// an id that is nobody's. The answers must be the same — status and problem type — as for the id that is nobody's,
/// and every Lang Son record must stay as it was.
/// </summary>
/// <remarks>Its own app: it stores records other tests would count. About 2,000 requests.</remarks>
public sealed class CrossPartyTests : OwnAppTest
{
    [Fact]
    public async Task Another_partys_unshared_records_answer_as_if_they_did_not_exist_and_stay_unchanged()
    {
        var records = await StoreOneOfEveryTypeAsync();
        var expectedTypes = RecordTypes.ByName.Values.Count(t => t.Assembly == typeof(CoordinationRecord).Assembly);
        Assert.True(records.Count == expectedTypes, $"stored {records.Count} of {expectedTypes} record types: {string.Join(", ", records.Select(r => r.GetType().Name))}");
        var before = await VersionsAsync();

        var caoBang = await App.SignInAsync("caobang.coordinator");
        var document = JsonNode.Parse(await caoBang.GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .Where(p => System.Text.RegularExpressions.Regex.IsMatch(p.Key, "\\{(id|meetingId)\\}"))
            .SelectMany(p => p.Value!.AsObject().Select(m => (Method: m.Key.ToUpperInvariant(), Template: p.Key))).ToList();
        var pages = App.Service(sp => sp.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null
                && e.RoutePattern.RawText!.Contains(":guid}", StringComparison.Ordinal))
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList());
        Assert.True(operations.Count > 40 && pages.Count > 20, $"{operations.Count} operations, {pages.Count} pages");

        var differences = new List<string>();
        var sent = 0;
        async Task<string> AnswerAsync(HttpClient client, string method, string path)
        {
            sent++;
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is not ("GET" or "DELETE")) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var type = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(body)?["type"]?.ToString() : null;
            return $"{(int)response.StatusCode} {type}";
        }
        static string Fill(string template, Guid id) => System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}",
            m => m.Value.Contains("language", StringComparison.Ordinal) ? "fr" : id.ToString());

        foreach (var (method, template) in operations)
        {
            var nobodys = await AnswerAsync(caoBang, method, Fill(template, Guid.NewGuid()));
            foreach (var record in records)
            {
                var theirs = await AnswerAsync(caoBang, method, Fill(template, record.Id));
                if (theirs != nobodys) differences.Add($"{method} {template} with a {record.GetType().Name}'s id: {theirs}, with nobody's: {nobodys}");
            }
        }
        foreach (var page in pages)
        {
            var nobodys = await AnswerAsync(caoBang, "GET", Fill(page, Guid.NewGuid()));
            foreach (var record in records)
            {
                var theirs = await AnswerAsync(caoBang, "GET", Fill(page, record.Id));
                if (theirs != nobodys) differences.Add($"page {page} with a {record.GetType().Name}'s id: {theirs}, with nobody's: {nobodys}");
            }
        }
        Assert.True(differences.Count == 0, $"{differences.Count} of {sent} answers told the records apart:\n" + string.Join("\n", differences.Take(60)));
        Assert.Equal(before, await VersionsAsync());

        // Positive control: the comparison sees a difference where there is one — the owner reads its own note.
        var langSon = await App.SignInAsync("langson.coordinator");
        var note = records.OfType<Borderlink.Features.Notes.LiaisonNote>().Single();
        Assert.NotEqual(await AnswerAsync(langSon, "GET", $"/api/v1/liaison-notes/{Guid.NewGuid()}"), await AnswerAsync(langSon, "GET", $"/api/v1/liaison-notes/{note.Id}"));
    }

    private Task<Dictionary<Guid, long>> VersionsAsync() => App.WithSystemDbAsync(async db =>
    {
        var versions = new Dictionary<Guid, long>();
        foreach (var type in RecordTypes.ByName.Values.Where(t => db.Model.FindEntityType(t) is not null))
        {
            foreach (var record in await RecordTypes.FindAsync(db, type, await AllIdsAsync(db, type), CancellationToken.None))
            {
                versions[record.Id] = record.Version;
            }
        }
        return versions;
    });

    private static async Task<List<Guid>> AllIdsAsync(BorderlinkDb db, Type type)
    {
        return await RecordSets.Of(db, type).Select(r => r.Id).ToListAsync();
    }

    /// <summary>
    /// One Internal record of every type, owned by Lang Son's health agency, its fields filled from their types; a
    /// reference to another record (NotificationId, MeetingId, …) points at the record of that type stored before it.
    /// </summary>
    private async Task<List<CoordinationRecord>> StoreOneOfEveryTypeAsync()
    {
        var agency = await App.WithSystemDbAsync(db => db.Agencies.Where(a => a.PartyCode == "VN-09" && a.FunctionCode == "health").Select(a => a.Id).FirstAsync());
        var types = RecordTypes.ByName.Values.Where(t => t.Assembly == typeof(CoordinationRecord).Assembly)
            .OrderBy(t => ReferenceProperties(t).Count()).ToList();
        var stored = new List<CoordinationRecord>();
        foreach (var type in types)
        {
            var record = (CoordinationRecord)Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p is { CanWrite: true, CanRead: true }))
            {
                if (property.DeclaringType == typeof(CoordinationRecord)) continue;
                var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (kind == typeof(string) && property.GetValue(record) is null or "") property.SetValue(record, "x");
                else if (kind == typeof(Guid) && property.Name.EndsWith("Id", StringComparison.Ordinal))
                {
                    var target = property.Name[..^2];
                    var referenced = stored.FirstOrDefault(r => r.GetType().Name.EndsWith(target, StringComparison.Ordinal)) ?? stored.FirstOrDefault();
                    if (property.Name == "AgencyId" || property.Name.EndsWith("AgencyId", StringComparison.Ordinal)) property.SetValue(record, agency);
                    else if (referenced is not null) property.SetValue(record, referenced.Id);
                }
                else if (kind == typeof(DateOnly)) property.SetValue(record, new DateOnly(2026, 11, 20));
                else if (kind == typeof(byte[]) && property.GetValue(record) is null) property.SetValue(record, "%PDF-1.4"u8.ToArray());
                else if (kind == typeof(DateTimeOffset)) property.SetValue(record, BorderlinkApp.Start);
            }
            record.OwnerParty = "VN-09";
            record.OwnerAgencyId = agency;
            record.SetVisibility(Visibility.Internal, [], []);
            await App.WithSystemDbAsync(async db =>
            {
                db.Add(record);
                await db.SaveChangesAsync();
                return 0;
            });
            stored.Add(record);
        }
        return stored;
    }

    private static IEnumerable<PropertyInfo> ReferenceProperties(Type type) => type.GetProperties()
        .Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) == typeof(Guid) && p.Name.EndsWith("Id", StringComparison.Ordinal)
            && !p.Name.EndsWith("AgencyId", StringComparison.Ordinal) && p.DeclaringType != typeof(CoordinationRecord));
}
