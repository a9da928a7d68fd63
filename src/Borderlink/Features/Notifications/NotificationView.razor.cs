using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notifications;

/// <summary>
/// A notification as its readers see it (<c>/notifications/{id}</c>): its clock, content, translations, history,
/// attachments and thread, and the forms that send, close, acknowledge, answer, attach to and translate it.
/// </summary>
public partial class NotificationView
{
    [Parameter] public Guid Id { get; set; }
    [SupplyParameterFromForm(FormName = "send")] private long? Version { get; set; }
    [SupplyParameterFromForm(FormName = "close", Name = "Version")] private long? CloseVersion { get; set; }
    [SupplyParameterFromForm(FormName = "respond")] private ResponseForm? Response { get; set; }
    [SupplyParameterFromForm(FormName = "translate")] private TranslationForm? Translation { get; set; }
    [SupplyParameterFromForm(FormName = "attach")] private string? Attach { get; set; }
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    private NotificationQueries.Row? row;
    private List<NotificationResponse> responses = [];
    private List<AttachmentDto> attachments = [];
    private bool canEdit, canShare, canAcknowledge, canRespond;
    private string? diseaseName;
    private IReadOnlyList<FieldError> errors = [];
    private ReferenceCache.Snapshot? reference;

    private static string CurrentCulture => System.Globalization.CultureInfo.CurrentUICulture.Name;

    protected override async Task OnInitializedAsync()
    {
        reference = await Reference.GetAsync();
        await Gazetteer.EntriesAsync(); // for PlaceName
        // A post renders the page too: Blazor finds the submitted form's handler among the forms it rendered.
        await LoadAsync(markRead: !HttpMethods.IsPost(HttpContext.Request.Method));
    }

    private async Task LoadAsync(bool markRead = false)
    {
        var outcome = await RecordLoader.LoadAsync<EventNotification>(Db, Id, RecordOperation.Read);
        if (outcome is not Outcome<EventNotification>.Done { Value: var n })
        {
            Nav.NotFound();
            return;
        }
        row = (await NotificationQueries.RowsAsync(Db, [n], Clock.GetUtcNow(), default))[0];
        responses = await NotificationQueries.ResponsesAsync(Db, n.Id);
        attachments = await NotificationsApi.AttachmentsAsync(Db, n.Id, default);
        diseaseName = (await Db.Diseases.AsNoTracking().FirstOrDefaultAsync(d => d.Code == n.DiseaseCode))?.Name() ?? n.DiseaseCode;
        canEdit = RecordAccess.Allows(Viewer, n, RecordOperation.Edit);
        canShare = RecordAccess.Allows(Viewer, n, RecordOperation.Share);
        var officer = Viewer.IsOfficer;
        var addressee = Viewer.Party is not null && n.AddresseeList.Contains(Viewer.Party);
        canAcknowledge = officer && addressee && n.Status != NotificationStatus.Draft
            && !responses.Any(r => r.Kind == ResponseKind.Acknowledgement && r.OwnerParty == Viewer.Party);
        canRespond = officer && n.Status != NotificationStatus.Draft && (addressee || (n.OwnerParty == Viewer.Party && !n.IsReplica));
        if (markRead)
        {
            await NotificationQueries.MarkReadAsync(Db, Clock, n);
        }
    }

    private Task AcknowledgeAsync() =>
        AfterResponseAsync(() => RespondToNotification.HandleAsync(Db, Id, new(ResponseKind.Acknowledgement, null, CurrentCulture)));

    private Task RespondAsync()
    {
        var r = Response ?? new ResponseForm();
        var kind = Enum.TryParse<ResponseKind>(r.Kind, out var k) ? k : ResponseKind.Information;
        return AfterResponseAsync(() => RespondToNotification.HandleAsync(Db, Id, new(kind, r.Text, r.Language)));
    }

    private async Task AttachAsync()
    {
        var file = HttpContext.Request.Form.Files["file"];
        await using var stream = file?.OpenReadStream() ?? Stream.Null;
        await AfterAsync(await AttachToNotification.HandleAsync(Db, Id, file?.FileName, stream));
    }

    private Task SendAsync() => ChangeAsync(() => SendNotification.HandleAsync(Db, Clock, Id, Version ?? 0, new()));

    private Task CloseAsync() => ChangeAsync(() => CloseNotification.HandleAsync(Db, Clock, Id, CloseVersion ?? 0));

    private Task TranslateAsync()
    {
        var t = Translation ?? new TranslationForm();
        return ChangeAsync(() => TranslateNotification.HandleAsync(Db, Clock, Id, t.Language ?? "", t.Version,
            new(t.Title, t.Details, t.RiskRationale, t.MeasuresTaken, t.Requests)));
    }

    private async Task ChangeAsync(Func<Task<Outcome<EventNotification>>> act) => await AfterAsync(await act());

    private async Task AfterResponseAsync(Func<Task<Outcome<NotificationResponse>>> act) => await AfterAsync(await act());

    /// <summary>Any action of the page: done reloads it; a refusal is said once above the actions, each field's errors also beside it.</summary>
    private async Task AfterAsync<T>(Outcome<T> outcome)
    {
        var answer = FormOutcome.Answer(outcome, HttpContext, Nav, _ => $"/notifications/{Id}", new FormFields(ForbiddenField: "action", StaleField: "action"));
        if (outcome is Outcome<T>.Done || answer.Missing) return;
        errors = answer.Errors;
        Db.ChangeTracker.Clear();
        await LoadAsync();
    }

    private string PartyName(string code) => reference?.PartyName(code) ?? code;
    private string PlaceName(string code) => Gazetteer.Find(code)?.Names.Name() ?? code;

    public sealed class ResponseForm
    {
        public string? Kind { get; set; }
        public string? Text { get; set; }
        public string? Language { get; set; }
    }

    public sealed class TranslationForm
    {
        public string? Language { get; set; }
        public string? Title { get; set; }
        public string? Details { get; set; }
        public string? RiskRationale { get; set; }
        public string? MeasuresTaken { get; set; }
        public string? Requests { get; set; }
        public long Version { get; set; }
    }
}
