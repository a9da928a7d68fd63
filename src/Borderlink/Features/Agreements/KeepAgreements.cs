using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Agreements;

/// <summary>A liaison records an agreement of its party with partners (shared with them at once), changes it, links meetings and files its documents.</summary>
public static class KeepAgreements
{
    public sealed record Link(Guid MeetingId, AgreementMeetingRole Role);

    public sealed record Request(AgreementKind Kind, string? Title, string? Summary, string? Language, IReadOnlyList<string>? Parties, DateOnly? SignedOn,
        DateOnly? EffectiveFrom, DateOnly? ExpiresOn, AgreementStatus Status, IReadOnlyList<Link>? Meetings);

    public static async Task<Outcome<Agreement>> CreateAsync(BorderlinkDb db, TimeProvider clock, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsLiaison) return new Outcome<Agreement>.Forbidden();
        var agreement = new Agreement { OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, Title = "", Language = "" };
        var errors = await ApplyAsync(db, clock, agreement, r, ct);
        if (errors.Count > 0) return new Outcome<Agreement>.Invalid(errors);
        db.Agreements.Add(agreement);
        await db.SaveChangesAsync(ct);
        return new Outcome<Agreement>.Done(agreement, Created: true);
    }

    public static async Task<Outcome<Agreement>> ChangeAsync(BorderlinkDb db, TimeProvider clock, Guid id, long version, Request r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<Agreement>(db, id, RecordOperation.Share, version, ct);
        if (loaded is not Outcome<Agreement>.Done { Value: var agreement }) return loaded;
        var errors = await ApplyAsync(db, clock, agreement, r, ct);
        if (errors.Count > 0) return new Outcome<Agreement>.Invalid(errors);
        await FollowAsync(db, agreement, ct);
        return await RecordLoader.SaveVersionedAsync(db, agreement, version, ct);
    }

    public static async Task<Outcome<AgreementDocument>> AddDocumentAsync(BorderlinkDb db, Guid id, string? fileName, Stream content, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<Agreement>(db, id, RecordOperation.Edit, ct);
        if (loaded is not Outcome<Agreement>.Done { Value: var agreement })
            return loaded is Outcome<Agreement>.Forbidden ? new Outcome<AgreementDocument>.Forbidden() : new Outcome<AgreementDocument>.NotFound();
        var (file, errors) = await UploadedFile.ReadAsync(content, fileName, AgreementDocument.MaxBytes, ct);
        if (await db.AgreementDocuments.CountAsync(d => d.AgreementId == id, ct) >= AgreementDocument.MaxPerAgreement)
            errors.Add(new("file", "Error.TooManyFiles", AgreementDocument.MaxPerAgreement));
        if (errors.Count > 0) return new Outcome<AgreementDocument>.Invalid(errors);
        var document = new AgreementDocument
        {
            OwnerParty = agreement.OwnerParty, OwnerAgencyId = db.Viewer.AgencyId ?? agreement.OwnerAgencyId, AgreementId = agreement.Id,
            FileName = file!.FileName, ContentType = file.ContentType, Size = file.Content.Length, Sha256 = file.Sha256, Content = file.Content,
        };
        document.SetVisibility(agreement.Visibility, agreement.Audience, []);
        db.AgreementDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        return new Outcome<AgreementDocument>.Done(document, Created: true);
    }

    private static async Task<List<FieldError>> ApplyAsync(BorderlinkDb db, TimeProvider clock, Agreement agreement, Request r, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(r.Kind)) errors.Add(new("kind", "Error.UnknownKind"));
        if (!Enum.IsDefined(r.Status)) errors.Add(new("status", "Error.UnknownKind"));
        FieldChecks.Text(errors, "title", r.Title, Agreement.TitleMax, required: true);
        FieldChecks.Text(errors, "summary", r.Summary, Agreement.TextMax, required: false);
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (r.EffectiveFrom is { } from && r.ExpiresOn is { } to && to < from) errors.Add(new("expiresOn", "Error.EndBeforeStart"));
        if (r.Status == AgreementStatus.InForce && r.SignedOn is null) errors.Add(new("signedOn", "Agreements.SignedOnRequired"));
        var partners = (r.Parties ?? []).Where(p => p != agreement.OwnerParty).Distinct(StringComparer.Ordinal).ToList();
        if (partners.Count == 0) errors.Add(new("parties", "Agreements.PartnerRequired"));
        else errors.AddRange((await VisibilityRules.ValidateAsync(db, agreement.OwnerParty, Visibility.Partners, partners, [], clock, ct))
            .Select(e => e with { Field = "parties" }));
        var links = r.Meetings ?? [];
        foreach (var link in links)
        {
            if (!Enum.IsDefined(link.Role) || !await db.Meetings.AnyAsync(m => m.Id == link.MeetingId, ct))
                errors.Add(new("meetings", "Agreements.UnknownMeeting", link.MeetingId));
        }
        if (errors.Count > 0) return errors;

        agreement.Kind = r.Kind;
        agreement.Title = r.Title!.Trim();
        agreement.Summary = r.Summary?.Trim() ?? "";
        agreement.Language = Languages.Canonical(r.Language)!;
        agreement.Parties = Codes.JoinSorted(partners.Append(agreement.OwnerParty));
        agreement.SignedOn = r.SignedOn;
        agreement.EffectiveFrom = r.EffectiveFrom;
        agreement.ExpiresOn = r.ExpiresOn;
        agreement.Status = r.Status;
        agreement.Meetings = links.DistinctBy(l => (l.MeetingId, l.Role)).Select(l => new AgreementMeeting { MeetingId = l.MeetingId, Role = l.Role }).ToList();
        agreement.SetVisibility(Visibility.Partners, partners, []);
        return errors;
    }

    /// <summary>When the parties change, the documents follow the agreement's audience.</summary>
    private static async Task FollowAsync(BorderlinkDb db, Agreement agreement, CancellationToken ct)
    {
        foreach (var document in await db.AgreementDocuments.Where(d => d.AgreementId == agreement.Id).ToListAsync(ct))
        {
            if (document.AudienceParties != agreement.AudienceParties) document.SetVisibility(agreement.Visibility, agreement.Audience, []);
        }
    }
}
