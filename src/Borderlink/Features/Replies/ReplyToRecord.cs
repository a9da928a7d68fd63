using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Replies;

/// <summary>Answer a record the viewer's party sees, whatever its type; the thread is flat: a reply is not answered by a reply but beside it.</summary>
public static class ReplyToRecord
{
    public sealed record Request(string? Text, string? Language);

    public static async Task<Outcome<RecordReply>> HandleAsync(BorderlinkDb db, string aboutType, Guid aboutId, Request request, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (aboutType == RecordReply.TypeName || !Sharing.Exchange.RecordTypes.ByName.ContainsKey(aboutType)) return new Outcome<RecordReply>.NotFound();
        var loaded = await RecordLoader.LoadAnyAsync(db, aboutType, aboutId, RecordOperation.Read, ct);
        if (loaded is not Outcome<CoordinationRecord>.Done { Value: var about }) return loaded.As<RecordReply>();
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer) return new Outcome<RecordReply>.Forbidden();

        var errors = new List<FieldError>();
        FieldChecks.Text(errors, "text", request.Text, RecordReply.TextMax, required: true);
        if (!Languages.IsSupported(request.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<RecordReply>.Invalid(errors);

        var reply = new RecordReply
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, AboutType = about.RecordType, AboutId = about.Id, AboutOwner = about.OwnerParty,
            Text = request.Text!.Trim(), Language = Languages.Canonical(request.Language)!,
        };
        // A partner answers the owner; the owner answers everyone the record is shared with (nobody else: an internal
        // record's reply stays internal). The record's restriction, if any, holds for its replies.
        var audience = viewer.Party == about.OwnerParty ? about.Audience : [about.OwnerParty];
        reply.ShareLike(about, audience);
        db.RecordReplies.Add(reply);
        await db.SaveChangesAsync(ct);
        return new Outcome<RecordReply>.Done(reply, Created: true);
    }
}
