namespace Borderlink.Tests.Infrastructure;

/// <summary>
/// An app of its own whose e-mail goes to an SMTP sink the test reads (links in mails start https://borderlink.example);
/// its deadline watch does not run by itself, so a test runs each pass when it wants.
/// </summary>
public abstract class MailAppTest : OwnAppTest
{
    protected MailAppTest() : this(new SmtpSink())
    {
    }

    private MailAppTest(SmtpSink mail) : base(new BorderlinkApp()
        .WithSetting("Notifications:WatchEnabled", "false")
        .WithSetting("Smtp:Host", "127.0.0.1")
        .WithSetting("Smtp:Port", mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithSetting("Smtp:Security", "None")
        .WithSetting("Smtp:SiteUrl", "https://borderlink.example"))
    {
        Mail = mail;
    }

    protected SmtpSink Mail { get; }

    protected override ValueTask DisposeMoreAsync() => Mail.DisposeAsync();
}
