using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Minutes;

/// <summary>What the use cases of minutes share: the checks of their text, its application, their state and the audited refusal.</summary>
public static class MinutesRules
{
    public static async Task<MinutesState> StateAsync(BorderlinkDb db, MeetingMinutes minutes, CancellationToken ct = default) =>
        MinutesState.Of(minutes, await db.MinutesSignatures.AsNoTracking().Where(s => s.MinutesId == minutes.Id).ToListAsync(ct));

    /// <summary>The text typed as two columns of paragraphs separated by blank lines, paired in order.</summary>
    public static List<CreateMinutes.Paragraph> Pair(string? columnA, string? columnB)
    {
        var a = Split(columnA);
        var b = Split(columnB);
        return Enumerable.Range(0, Math.Max(a.Count, b.Count)).Select(i => new CreateMinutes.Paragraph(a.ElementAtOrDefault(i) ?? "", b.ElementAtOrDefault(i) ?? "")).ToList();
    }

    private static List<string> Split(string? column) =>
        System.Text.RegularExpressions.Regex.Split((column ?? "").Replace("\r\n", "\n").Trim(), @"\n[ \t]*\n\s*")
            .Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    internal static List<FieldError> Check(CreateMinutes.Request r)
    {
        var errors = new List<FieldError>();
        if (!Languages.IsSupported(r.LanguageA)) errors.Add(new("languageA", "Error.UnknownLanguage"));
        if (!Languages.IsSupported(r.LanguageB)) errors.Add(new("languageB", "Error.UnknownLanguage"));
        else if (Languages.Canonical(r.LanguageA) == Languages.Canonical(r.LanguageB)) errors.Add(new("languageB", "Minutes.SameLanguage"));
        FieldChecks.Text(errors, "titleA", r.TitleA, MeetingMinutes.TitleMax, required: true);
        FieldChecks.Text(errors, "titleB", r.TitleB, MeetingMinutes.TitleMax, required: true);
        var paragraphs = r.Paragraphs ?? [];
        if (paragraphs.Count == 0) errors.Add(new("paragraphs", "Error.Required"));
        if (paragraphs.Count > MeetingMinutes.ParagraphsMax) errors.Add(new("paragraphs", "Minutes.TooManyParagraphs", MeetingMinutes.ParagraphsMax));
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            if (string.IsNullOrWhiteSpace(p.A) || string.IsNullOrWhiteSpace(p.B)) errors.Add(new("paragraphs", "Minutes.ParagraphMissing", i + 1));
            else if (p.A.Length > MeetingMinutes.ParagraphMax || p.B.Length > MeetingMinutes.ParagraphMax)
                errors.Add(new("paragraphs", "Minutes.ParagraphTooLong", i + 1, MeetingMinutes.ParagraphMax));
        }
        return errors;
    }

    internal static void Apply(MeetingMinutes minutes, CreateMinutes.Request r)
    {
        minutes.LanguageA = Languages.Canonical(r.LanguageA)!;
        minutes.LanguageB = Languages.Canonical(r.LanguageB)!;
        minutes.TitleA = r.TitleA!.Trim();
        minutes.TitleB = r.TitleB!.Trim();
        minutes.Paragraphs = r.Paragraphs!.Select(p => new MinutesParagraph { A = p.A!.Trim(), B = p.B!.Trim() }).ToList();
    }

    internal static async Task<Outcome<MeetingMinutes>> RefuseAsync(BorderlinkDb db, CoordinationRecord record, string what, CancellationToken ct)
    {
        db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, record, Audit.AuditDetail.MinutesNotAllowed());
        await db.SaveChangesAsync(ct);
        return new Outcome<MeetingMinutes>.Forbidden();
    }
}
