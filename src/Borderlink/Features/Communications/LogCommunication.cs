using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Communications;

/// <summary>An officer logs a call, a message or a meeting with a counterpart across the border, in the party's communication log.</summary>
public static class LogCommunication
{
    public sealed record Request(DateTimeOffset? OccurredAt, CommunicationChannel Channel, CommunicationDirection Direction, CommunicationCategory Category,
        string? CounterpartParty, Guid? CounterpartAgencyId, string? Subject, string? Summary, string? FollowUp, string? Language,
        Visibility Visibility = Visibility.Internal, IReadOnlyList<string>? Audience = null, IReadOnlyList<string>? RestrictedTo = null);

    public static async Task<Outcome<CommunicationEntry>> HandleAsync(BorderlinkDb db, TimeProvider clock, Request request, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer
            || (request.Visibility != Visibility.Internal && !viewer.IsLiaison))
        {
            return new Outcome<CommunicationEntry>.Forbidden();
        }
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Subject)) errors.Add(new("subject", "Error.Required"));
        else if (request.Subject.Length > CommunicationEntry.SubjectMax) errors.Add(new("subject", "Error.TooLong", CommunicationEntry.SubjectMax));
        if (request.Summary?.Length > CommunicationEntry.TextMax) errors.Add(new("summary", "Error.TooLong", CommunicationEntry.TextMax));
        if (request.FollowUp?.Length > CommunicationEntry.TextMax) errors.Add(new("followUp", "Error.TooLong", CommunicationEntry.TextMax));
        if (!Enum.IsDefined(request.Channel)) errors.Add(new("channel", "Error.UnknownKind"));
        if (!Enum.IsDefined(request.Direction)) errors.Add(new("direction", "Error.UnknownKind"));
        if (!Enum.IsDefined(request.Category)) errors.Add(new("category", "Error.UnknownKind"));
        if (request.OccurredAt > now.AddMinutes(5)) errors.Add(new("occurredAt", "Error.DateInFuture"));
        if (!Languages.IsSupported(request.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        var counterpart = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Code == request.CounterpartParty, ct);
        if (counterpart is null || counterpart.Code == viewer.Party) errors.Add(new("counterpartParty", "Error.UnknownParty", request.CounterpartParty ?? ""));
        else if (!counterpart.IsCurrent(DateOnly.FromDateTime((request.OccurredAt ?? now).UtcDateTime)))
        {
            // A party merged away (Ha Giang into Tuyen Quang on 1 July 2025) is a counterpart only for what happened before.
            var successor = counterpart.SuccessorCode is { } code ? await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct) : null;
            errors.Add(new("counterpartParty", "Error.PartyNotThen", counterpart.Name(), successor?.Name() ?? ""));
        }
        if (request.CounterpartAgencyId is { } agencyId && !await db.Agencies.AnyAsync(a => a.Id == agencyId && a.PartyCode == request.CounterpartParty, ct))
            errors.Add(new("counterpartAgencyId", "Error.UnknownCounterpartAgency"));
        errors.AddRange(await VisibilityRules.ValidateAsync(db, viewer.Party, request.Visibility, request.Audience ?? [], request.RestrictedTo ?? [], clock, ct));
        errors.AddRange(CrimeRule(request.Category, request.Visibility, request.RestrictedTo ?? []));
        if (errors.Count > 0) return new Outcome<CommunicationEntry>.Invalid(errors);

        var entry = new CommunicationEntry
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, OccurredAt = (request.OccurredAt ?? now).ToUniversalTime(),
            Channel = request.Channel, Direction = request.Direction, Category = request.Category, CounterpartParty = counterpart!.Code,
            CounterpartAgencyId = request.CounterpartAgencyId, Subject = request.Subject!.Trim(), Summary = request.Summary?.Trim() ?? "",
            FollowUp = request.FollowUp?.Trim() ?? "", Language = Languages.Canonical(request.Language)!,
        };
        entry.SetVisibility(request.Visibility, request.Audience ?? [], request.RestrictedTo ?? []);
        db.CommunicationEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return new Outcome<CommunicationEntry>.Done(entry, Created: true);
    }

    /// <summary>A crime-related entry leaves its party only restricted to public security and border defence.</summary>
    internal static IEnumerable<FieldError> CrimeRule(CommunicationCategory category, Visibility visibility, IReadOnlyList<string> restrictedTo)
    {
        if (category == CommunicationCategory.Crime && visibility != Visibility.Internal
            && (visibility != Visibility.Restricted || restrictedTo.Any(f => !CommunicationEntry.CrimeFunctions.Contains(f))))
        {
            yield return new FieldError("visibility", "Error.CrimeRestricted");
        }
    }
}
