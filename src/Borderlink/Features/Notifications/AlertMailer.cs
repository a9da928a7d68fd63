using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Reference;
using Borderlink.Web;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Borderlink.Features.Notifications;

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>Mail relay; empty turns e-mail off (alerts still appear in the app).</summary>
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    [EmailAddress]
    public string From { get; set; } = "borderlink@localhost";

    /// <summary>The address people open Borderlink at, for links in e-mails.</summary>
    public string? SiteUrl { get; set; }
}

/// <summary>Sends alert e-mails through SMTP (MailKit), each in the recipient's language and time zone.</summary>
public sealed class AlertMailer(IOptions<SmtpOptions> options, IStringLocalizer<SharedResource> L, ReferenceCache reference, DurableCommits commits,
    ILogger<AlertMailer> logger)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Host);

    /// <summary>Tells a coordinator that an acknowledgement is overdue. A mail failure is logged; the in-app alert already exists.</summary>
    public async Task SendOverdueAsync(BorderlinkUser user, EventNotification n, string addressee, CancellationToken ct)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(user.Email)) return;
        var snapshot = await reference.GetAsync(ct);
        var (culture, zone) = Reader(user, snapshot);
        var due = TimeZoneInfo.ConvertTime(n.AcknowledgeBy!.Value, zone);
        var (subject, body) = Languages.In(culture, () => (L["Mail.OverdueSubject", n.Title].Value,
            L["Mail.OverdueBody", n.Title, snapshot.PartyName(addressee), $"{due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({TimeDisplay.Label(L, zone, due.Offset)})",
                Link($"/notifications/{n.Id}")].Value));
        await SendAsync(user, subject, body, $"notification {n.Id}", ct);
    }

    /// <summary>
    /// The day's digest: the user's unread alerts (newest first, at most <paramref name="max"/> listed, the rest counted),
    /// each in words as the alert centre says it, with the link to the centre. False when mail is off or the user has no address.
    /// </summary>
    public async Task<bool> SendDigestAsync(BorderlinkUser user, IReadOnlyList<Alerts.Alert> alerts, int total, CancellationToken ct)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(user.Email)) return false;
        var snapshot = await reference.GetAsync(ct);
        var (culture, zone) = Reader(user, snapshot);
        var (subject, body) = Languages.In(culture, () =>
        {
            var lines = alerts.Select(a =>
            {
                var at = TimeZoneInfo.ConvertTime(a.DueAt, zone);
                return $"- {Alerts.AlertWords.Subject(L, a, snapshot)}: {Alerts.AlertWords.Sentence(L, a, snapshot)} · "
                    + $"{at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({TimeDisplay.Label(L, zone, at.Offset)})";
            }).ToList();
            if (total > alerts.Count) lines.Add(L["Mail.DigestMore", total - alerts.Count].Value);
            return (L["Mail.DigestSubject", total].Value, L["Mail.DigestBody", total, string.Join('\n', lines), Link("/alerts?unread=true"), Link("/account")].Value);
        });
        await SendAsync(user, subject, body, "alert digest", ct);
        return true;
    }

    /// <summary>The language and zone a user reads in: their own choice, else their party's main language and zone.</summary>
    public static (string Culture, TimeZoneInfo Zone) Reader(BorderlinkUser user, ReferenceCache.Snapshot snapshot) =>
        (Languages.Canonical(user.PreferredLanguage) ?? (snapshot.Party(user.PartyCode)?.LanguageList is [var main, ..] ? main : "en"),
            TimeDisplay.Find(user.TimeZone) ?? TimeDisplay.Find(snapshot.Party(user.PartyCode)?.TimeZone) ?? TimeZoneInfo.Utc);

    private string Link(string path) => string.IsNullOrWhiteSpace(options.Value.SiteUrl) ? path : $"{options.Value.SiteUrl.TrimEnd('/')}{path}";

    private async Task SendAsync(BorderlinkUser user, string subject, string body, string about, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email!));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        try
        {
            await commits.WaitAsync(ct); // what a mail reports is on disk before it leaves
            using var client = new SmtpClient();
            await client.ConnectAsync(o.Host, o.Port, o.Security, ct);
            if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException or System.Net.Sockets.SocketException or AuthenticationException)
        {
            logger.LogError(e, "Could not e-mail {User} about {About}", user.UserName, about);
        }
    }
}
