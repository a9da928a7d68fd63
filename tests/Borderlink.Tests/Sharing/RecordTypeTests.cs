using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Sharing;

/// <summary>A record type of the tests' own, with one personal field.</summary>
[RecordType("test-screening")]
public sealed class TestScreening : CoordinationRecord
{
    [Personal]
    public string TravellerName { get; set; } = "";
    public int Temperature10 { get; set; }
}

public sealed class RecordTypeTests(SharedApp app)
{
    [Fact]
    public void Every_coordination_record_type_is_named_for_exchange_and_mapped_in_the_model()
    {
        var model = app.Service(sp => sp.GetRequiredService<BorderlinkDb>().Model);
        var types = typeof(CoordinationRecord).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(CoordinationRecord))).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, t =>
        {
            Assert.Contains(t, RecordTypes.ByName.Values);
            Assert.NotNull(model.FindEntityType(t));
        });
    }

    [Fact]
    public void Personal_fields_stay_home_unless_the_owner_says_why_they_may_cross()
    {
        var record = new TestScreening { OwnerParty = "VN-09", TravellerName = "Nguyễn Văn B", Temperature10 = 385 };

        var minimised = RecordTypes.Snapshot(record);
        Assert.False(minimised.TryGetProperty("travellerName", out _));
        Assert.Equal(385, minimised.GetProperty("temperature10").GetInt32());

        record.PersonalDataSharedBecause = "contact tracing of a confirmed plague case, agreed at the border meeting";
        var shared = RecordTypes.Snapshot(record);
        Assert.Equal("Nguyễn Văn B", shared.GetProperty("travellerName").GetString());
    }
}
