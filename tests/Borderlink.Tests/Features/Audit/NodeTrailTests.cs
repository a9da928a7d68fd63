using System.Net;
using System.Text;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Audit;

/// <summary>
/// What belongs to no party — a message the exchange inbox refused — is on the node's own trail, which every
/// administrator of the node can read, apart from their party's trail.
/// </summary>
public sealed class NodeTrailTests(SharedApp app)
{
    [Fact]
    public async Task A_message_the_inbox_refused_is_on_the_nodes_trail_for_administrators()
    {
        var marker = "not a message " + Guid.NewGuid().ToString("N");
        var refused = await app.Anonymous().PostAsync("/exchange/v1/inbox", new StringContent(marker, Encoding.ASCII, "application/jose"));
        Assert.True((int)refused.StatusCode is >= 400 and < 500, $"inbox answered {(int)refused.StatusCode}");

        var admin = await app.SignInAsync("caobang.admin", "vi");
        var node = await (await admin.GetAsync("/api/v1/audit-entries?scope=Node&action=refused&pageSize=200")).ReadJsonAsync();
        var entry = node.GetProperty("items").EnumerateArray().First(e => e.GetProperty("detail").GetString()!.StartsWith("{\"K\":\"inbox.", StringComparison.Ordinal));
        // Said in the administrator's language, not as the stored key.
        Assert.Equal("Hộp thư trao đổi: thư sai định dạng", entry.GetProperty("detailText").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("party").ValueKind);

        // The party's own trail holds the party's entries and not the node's.
        var party = await (await admin.GetAsync("/api/v1/audit-entries?pageSize=200")).ReadJsonAsync();
        var partyEntries = party.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(partyEntries); // the administrator's own sign-in, at least
        Assert.All(partyEntries, e => Assert.Equal("VN-04", e.GetProperty("party").GetString()));

        // The page offers both trails in the reader's language and shows the refusal on the node's.
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/audit?scope=Node&action=refused"));
        Assert.Contains("Nút này (trao đổi với đối tác, khóa của nút)", page, StringComparison.Ordinal);
        Assert.Contains("Hộp thư trao đổi: thư sai định dạng", page, StringComparison.Ordinal);
        Assert.Matches("<td[^>]*>Bị từ chối</td>", page); // the action in words, not "refused"
        Assert.DoesNotContain("Hộp thư trao đổi", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/audit?action=refused")), StringComparison.Ordinal);
    }
}
