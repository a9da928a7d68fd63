using Borderlink.Data;
using Borderlink.Features.Screening;
using Borderlink.Web;

namespace Borderlink.Features.Quarantine;

/// <summary>A test taken during a stay and its result.</summary>
public static class RecordQuarantineTest
{
    public sealed record Request(DateOnly? On, TestOutcome Result);

    public static async Task<Outcome<QuarantineStay>> HandleAsync(BorderlinkDb db, Guid stayId, Request r, CancellationToken ct = default)
    {
        var (stay, facility, refused) = await QuarantineRules.LoadStayAsync(db, stayId, ct);
        if (refused is not null) return refused;
        if (r.On is null) return new Outcome<QuarantineStay>.Invalid([new("on", "Error.Required")]);
        if (!Enum.IsDefined(r.Result)) return new Outcome<QuarantineStay>.Invalid([new("result", "Error.UnknownKind")]);
        stay!.Tests = [.. stay.Tests, new StayTest { On = r.On.Value, Result = r.Result }];
        await db.SaveChangesAsync(ct);
        return new Outcome<QuarantineStay>.Done(stay);
    }
}
