using System.Security.Cryptography;
using Borderlink.Data;
using Borderlink.Features.Accounts;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Meetings;

/// <summary>
/// Meetings as iCalendar (RFC 5545, written by Ical.Net): each event in its own zone (TZID with its VTIMEZONE), so a
/// calendar in Hanoi and one in Nanning both show the right hour. The UID is the meeting's id and SEQUENCE its version,
/// so a changed meeting updates the entry already in a calendar.
/// </summary>
public static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(IEnumerable<Meeting> meetings, string name)
    {
        var calendar = new Calendar { Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var zone in meetings.Select(m => m.TimeZone).Distinct(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(zone);
        }
        foreach (var m in meetings)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(m.TimeZone);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = m.Id.ToString(),
                Sequence = (int)Math.Min(m.Version, int.MaxValue),
                Summary = m.Title,
                Description = m.Agenda,
                Location = m.Online ? "Online" : m.Location,
                Start = new CalDateTime(TimeZoneInfo.ConvertTime(m.StartsAt, zone).DateTime, m.TimeZone),
                End = new CalDateTime(TimeZoneInfo.ConvertTime(m.EndsAt, zone).DateTime, m.TimeZone),
                Status = m.Cancelled ? "CANCELLED" : "CONFIRMED",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>A new secret feed address for the viewer (the previous one stops working); the secret is shown once.</summary>
    public static async Task<string?> NewFeedAsync(BorderlinkDb db, TimeProvider clock, CancellationToken ct)
    {
        if (db.Viewer.UserId is not { } userId) return null;
        db.CalendarFeeds.RemoveRange(await db.CalendarFeeds.Where(f => f.UserId == userId).ToListAsync(ct));
        var secret = "cal_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.CalendarFeeds.Add(new CalendarFeed { UserId = userId, SecretHash = Hash(secret), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>The meetings the feed's owner may see, read as that user (same visibility filter), or null for an unknown secret.</summary>
    public static async Task<string?> FeedAsync(BorderlinkDb db, UserManager<BorderlinkUser> users, IUserClaimsPrincipalFactory<BorderlinkUser> principals,
        string secret, DateTimeOffset now, CancellationToken ct)
    {
        var hash = Hash(secret);
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.SecretHash == hash, ct);
        if (feed is null || await users.FindByIdAsync(feed.UserId) is not { } user || await users.IsLockedOutAsync(user)) return null;
        db.Viewer.Use(await principals.CreateAsync(user));
        var from = now.AddDays(-90);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.EndsAt >= from).OrderBy(m => m.StartsAt).ToListAsync(ct);
        return Write(meetings, "Borderlink");
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
