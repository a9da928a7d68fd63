using Borderlink.Data;
using Borderlink.Features.Notes;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Communications;

/// <summary>Writing, sharing and following up entries of the communication log, and reading it back.</summary>
public static class CommunicationLog
{
    public sealed record Request(DateTimeOffset? OccurredAt, CommunicationChannel Channel, CommunicationDirection Direction, CommunicationCategory Category,
        string? CounterpartParty, Guid? CounterpartAgencyId, string? Subject, string? Summary, string? FollowUp, string? Language,
        Visibility Visibility = Visibility.Internal, IReadOnlyList<string>? Audience = null, IReadOnlyList<string>? RestrictedTo = null);

    public sealed record FollowUpRequest(string? FollowUp, bool Done);

    public static async Task<Outcome<CommunicationEntry>> LogAsync(BorderlinkDb db, TimeProvider clock, Request request, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.OfficerRoles.Any(viewer.IsInRole)
            || (request.Visibility != Visibility.Internal && !Policies.LiaisonRoles.Any(viewer.IsInRole)))
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
        errors.AddRange(await NoteRules.ValidateVisibilityAsync(db, viewer.Party, request.Visibility, request.Audience ?? [], request.RestrictedTo ?? [], clock, ct));
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

    public static Task<Outcome<CommunicationEntry>> ShareAsync(BorderlinkDb db, TimeProvider clock, Guid id, long version, ShareRecord.Request request,
        CancellationToken ct = default) =>
        ShareRecord.HandleAsync<CommunicationEntry>(db, clock, id, version, request, ShareRule, ct);

    /// <summary>The extra rule for sharing an entry: a crime-related one only Restricted to public security and border defence.</summary>
    public static IEnumerable<FieldError> ShareRule(CommunicationEntry entry, ShareRecord.Request request) =>
        CrimeRule(entry.Category, request.Visibility, request.RestrictedTo ?? []);

    public static async Task<Outcome<CommunicationEntry>> FollowUpAsync(BorderlinkDb db, Guid id, long version, FollowUpRequest request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<CommunicationEntry>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<CommunicationEntry>.Done { Value: var entry }) return loaded;
        if (request.FollowUp?.Length > CommunicationEntry.TextMax)
            return new Outcome<CommunicationEntry>.Invalid([new("followUp", "Error.TooLong", CommunicationEntry.TextMax)]);
        entry.FollowUp = request.FollowUp?.Trim() ?? "";
        entry.FollowUpDone = request.Done;
        return await RecordLoader.SaveVersionedAsync(db, entry, version, ct);
    }

    /// <summary>A crime-related entry leaves its party only restricted to public security and border defence.</summary>
    private static IEnumerable<FieldError> CrimeRule(CommunicationCategory category, Visibility visibility, IReadOnlyList<string> restrictedTo)
    {
        if (category == CommunicationCategory.Crime && visibility != Visibility.Internal
            && (visibility != Visibility.Restricted || restrictedTo.Any(f => !CommunicationEntry.CrimeFunctions.Contains(f))))
        {
            yield return new FieldError("visibility", "Error.CrimeRestricted");
        }
    }

    public sealed record Query(int? Year = null, CommunicationCategory? Category = null, string? Partner = null, int Page = 1, int PageSize = 25);

    public static Task<Paged<CommunicationEntry>> ListAsync(BorderlinkDb db, Query query, CancellationToken ct = default) =>
        Paged.FromAsync(Filter(db, query.Year, query.Category, query.Partner).OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id),
            query.Page, query.PageSize, ct);

    /// <summary>One line of the yearly count: the viewer's own party's log, by category and partner.</summary>
    public sealed record Count(CommunicationCategory Category, string Partner, int Entries);

    /// <summary>How many entries the viewer's party logged in a year (UTC+7/UTC+8 differences put a call in the year its owner's clock said), by category and partner.</summary>
    public static async Task<List<Count>> YearlyCountsAsync(BorderlinkDb db, int year, CancellationToken ct = default)
    {
        if (!FieldChecks.IsCalendarYear(year))
        {
            return [];
        }
        var party = db.Viewer.Party ?? "";
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(-8);
        var end = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var zone = await Web.TimeDisplay.OfPartyAsync(db, party, ct);
        var entries = await db.CommunicationEntries.AsNoTracking().Where(e => e.OwnerParty == party && e.OccurredAt >= start && e.OccurredAt < end)
            .Select(e => new { e.OccurredAt, e.Category, e.CounterpartParty }).ToListAsync(ct);
        return entries.Where(e => TimeZoneInfo.ConvertTime(e.OccurredAt, zone).Year == year)
            .GroupBy(e => (e.Category, e.CounterpartParty))
            .Select(g => new Count(g.Key.Category, g.Key.CounterpartParty, g.Count()))
            .OrderBy(c => c.Category).ThenBy(c => c.Partner, StringComparer.Ordinal).ToList();
    }

    private static IQueryable<CommunicationEntry> Filter(BorderlinkDb db, int? year, CommunicationCategory? category, string? partner)
    {
        var entries = db.CommunicationEntries.AsNoTracking();
        if (year is { } bad && !FieldChecks.IsCalendarYear(bad))
        {
            return entries.Where(_ => false);
        }
        if (year is { } y)
        {
            var start = new DateTimeOffset(y, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var end = start.AddYears(1);
            entries = entries.Where(e => e.OccurredAt >= start && e.OccurredAt < end);
        }
        if (category is { } c) entries = entries.Where(e => e.Category == c);
        if (!string.IsNullOrWhiteSpace(partner)) entries = entries.Where(e => e.CounterpartParty == partner || e.OwnerParty == partner);
        return entries;
    }
}
