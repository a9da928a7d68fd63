using Borderlink.Data;
using Borderlink.Web;

namespace Borderlink.Sharing;

/// <summary>
/// A liaison of the owner party shares a record with partners, narrows it to agency functions, or takes it back to
/// Internal — the same step for every record type; a type may add its own rule (crime-related calls stay restricted).
/// </summary>
public static class ShareRecord
{
    public sealed record Request(Visibility Visibility, IReadOnlyList<string>? Audience, IReadOnlyList<string>? RestrictedTo);

    public static async Task<Outcome<T>> HandleAsync<T>(BorderlinkDb db, TimeProvider clock, Guid id, long expectedVersion, Request request,
        Func<T, Request, IEnumerable<FieldError>>? rule = null, CancellationToken ct = default) where T : CoordinationRecord
    {
        var loaded = await RecordLoader.LoadForChangeAsync<T>(db, id, RecordOperation.Share, expectedVersion, ct);
        if (loaded is not Outcome<T>.Done { Value: var record }) return loaded;
        var audience = request.Audience ?? [];
        var restricted = request.RestrictedTo ?? [];
        var errors = await VisibilityRules.ValidateAsync(db, record.OwnerParty, request.Visibility, audience, restricted, clock, ct);
        if (rule is not null) errors.AddRange(rule(record, request));
        if (errors.Count > 0) return new Outcome<T>.Invalid(errors);
        record.SetVisibility(request.Visibility, audience, restricted);
        return await RecordLoader.SaveVersionedAsync(db, record, expectedVersion, ct);
    }
}
