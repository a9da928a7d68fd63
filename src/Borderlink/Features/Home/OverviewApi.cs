using Borderlink.Data;
using Borderlink.Features.Alerts;
using Borderlink.Features.Gates;
using Borderlink.Features.Measures;
using Borderlink.Features.Meetings;
using Borderlink.Features.Notifications;
using Borderlink.Features.Situation;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;

namespace Borderlink.Features.Home;

public sealed record OverviewDto(
    DateTimeOffset Now,
    Paged<NotificationDto> Awaiting,
    Paged<NotificationDto> Unacknowledged,
    int UnreadAlerts,
    IReadOnlyList<AlertDto> Alerts,
    IReadOnlyList<GateWatchDto> Gates,
    WeekFiguresDto Figures,
    int OverdueMeasures,
    IReadOnlyList<MeasureDto> Overdue,
    IReadOnlyList<MeetingDto> NextMeetings,
    IReadOnlyList<PartnerState> Partners);

/// <summary>A watched gate pair: each side's most restrictive state now (null when that side said nothing), congestion, the recent changes.</summary>
public sealed record GateWatchDto(GatePairStatusDto Pair, GateState? VnState, GateState? CnState, bool Congested, IReadOnlyList<GateChangeDto> RecentChanges);

/// <summary>
/// The latest reported week (ISO week and its Monday) and the week before. <see cref="Reported"/> lists the parties that
/// sent a report for the week; a figure is null where its week was not reported: not reported is not zero.
/// </summary>
public sealed record WeekFiguresDto(string? Week, DateOnly? WeekStart, IReadOnlyList<string> Parties, IReadOnlyList<string> Reported, IReadOnlyList<WeekLineDto> Lines);

public sealed record WeekLineDto(string Party, string Disease, int? NewCases, int? PreviousNewCases, int? Change, int? Deaths, int? PreviousDeaths);

/// <summary>GET /api/v1/overview: what the home page shows, for a client that builds its own.</summary>
public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/overview", async (BorderlinkDb db, TimeProvider clock, LocalNode node, CancellationToken ct) =>
                TypedResults.Ok(From(await LoadBorderOverview.HandleAsync(db, clock, node, ct), await MeasureRules.TodayByPartyAsync(db, clock, ct))))
            .RequireAuthorization(Policies.Reader).WithTags("Home").WithName("GetOverview")
            .WithSummary("The border now for the caller: notifications waiting with their clocks, unread alerts, gate pairs that changed or are congested, "
                         + "the latest reported week on both sides, overdue measures, the next meetings and how each partner is reached.");
        return app;
    }

    public static OverviewDto From(BorderOverview o, Func<string, DateOnly> todayOf) => new(
        o.Now,
        o.Awaiting.Map(NotificationDto.From),
        o.Unacknowledged.Map(NotificationDto.From),
        o.UnreadAlertCount,
        o.UnreadAlerts.Select(a => AlertDto.From(new ListAlerts.Row(a, null, true))).ToList(),
        o.Gates.Select(g => new GateWatchDto(GatePairStatusDto.From(g.Glance.Status), g.Glance.Status.Worst(g.Glance.Status.Pair.VnParty),
            g.Glance.Status.Worst(g.Glance.Status.Pair.CnParty), g.Glance.Congested, g.RecentChanges.Select(GateChangeDto.From).ToList())).ToList(),
        new WeekFiguresDto(o.Figures.Week is { } w ? Periods.Format(PeriodKind.Week, w) : null, o.Figures.Week, o.Figures.Parties, o.Figures.Reported,
            o.Figures.Lines.Select(l => new WeekLineDto(l.Party, l.Disease, l.ThisWeek?.NewCases, l.PreviousWeek?.NewCases, l.Change,
                l.ThisWeek?.Deaths, l.PreviousWeek?.Deaths)).ToList()),
        o.OverdueMeasureCount,
        o.OverdueMeasures.Select(m => MeasureDto.From(m, todayOf(m.OwnerParty))).ToList(),
        o.NextMeetings.Select(MeetingDto.From).ToList(),
        o.Partners);
}
