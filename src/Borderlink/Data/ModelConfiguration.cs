using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Borderlink.Features.Notes;
using Borderlink.Features.Notifications;
using Borderlink.Features.Reference;
using Borderlink.Features.Situation;
using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Data;

internal static class RecordConfiguration
{
    /// <summary>The columns every coordination record shares.</summary>
    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> b) where T : CoordinationRecord
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.OwnerParty).HasMaxLength(16);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.AudienceParties).HasMaxLength(400);
        b.Property(r => r.RestrictedFunctions).HasMaxLength(400);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        b.Property(r => r.UpdatedBy).HasMaxLength(256);
        b.HasIndex(r => new { r.OwnerParty, r.UpdatedAt });
        b.Ignore(r => r.Audience);
        b.Ignore(r => r.Restriction);
        b.Ignore(r => r.RecordType);
        b.Ignore(r => r.IsReplica);
        b.Property(r => r.OriginNode).HasMaxLength(64);
        b.Property(r => r.PersonalDataSharedBecause).HasMaxLength(1000);
    }
}

internal sealed class PartyConfig : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> b)
    {
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).HasMaxLength(16);
        b.Property(p => p.Country).HasMaxLength(2);
        b.Property(p => p.SuccessorCode).HasMaxLength(16);
    }
}

internal sealed class AgencyFunctionConfig : IEntityTypeConfiguration<AgencyFunction>
{
    public void Configure(EntityTypeBuilder<AgencyFunction> b)
    {
        b.HasKey(f => f.Code);
        b.Property(f => f.Code).HasMaxLength(40);
    }
}

internal sealed class AgencyConfig : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.HasKey(a => a.Id);
        b.HasOne(a => a.Party).WithMany().HasForeignKey(a => a.PartyCode);
        b.HasOne(a => a.Function).WithMany().HasForeignKey(a => a.FunctionCode);
        b.HasIndex(a => new { a.PartyCode, a.FunctionCode });
    }
}

internal sealed class PartnershipConfig : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> b) => b.HasKey(p => new { p.PartyA, p.PartyB });
}

internal sealed class PlaceConfig : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> b)
    {
        b.HasKey(p => p.Code);
        b.Ignore(p => p.SuccessorList);
        b.Property(p => p.OfficialCode).HasMaxLength(16);
    }
}

internal sealed class GatePairConfig : IEntityTypeConfiguration<GatePair>
{
    public void Configure(EntityTypeBuilder<GatePair> b) => b.HasKey(g => g.Code);
}

internal sealed class DiseaseConfig : IEntityTypeConfiguration<Disease>
{
    public void Configure(EntityTypeBuilder<Disease> b)
    {
        b.HasKey(d => d.Code);
        b.Ignore(d => d.AcknowledgementHours);
    }
}

internal sealed class LiaisonNoteConfig : IEntityTypeConfiguration<LiaisonNote>
{
    public void Configure(EntityTypeBuilder<LiaisonNote> b)
    {
        b.ConfigureRecord();
        b.Property(n => n.Title).HasMaxLength(LiaisonNote.TitleMax);
        b.Property(n => n.Body).HasMaxLength(LiaisonNote.BodyMax);
        b.Property(n => n.Language).HasMaxLength(16);
        b.Property(n => n.TranslationRequested).HasMaxLength(16);
        b.OwnsMany(n => n.Translations, t => t.ToJson());
    }
}

internal sealed class EventNotificationConfig : IEntityTypeConfiguration<EventNotification>
{
    public void Configure(EntityTypeBuilder<EventNotification> b)
    {
        b.ConfigureRecord();
        b.Property(n => n.Title).HasMaxLength(EventNotification.TitleMax);
        b.Property(n => n.DiseaseCode).HasMaxLength(40);
        b.Property(n => n.PlaceCodes).HasMaxLength(1000);
        b.Property(n => n.GatePairCodes).HasMaxLength(1000);
        b.Property(n => n.Addressees).HasMaxLength(400);
        b.Property(n => n.ImportedFrom).HasMaxLength(EventNotification.NameMax);
        b.Property(n => n.ExportedTo).HasMaxLength(EventNotification.NameMax);
        b.Property(n => n.RiskRationale).HasMaxLength(EventNotification.ShortTextMax);
        b.Property(n => n.MeasuresTaken).HasMaxLength(EventNotification.TextMax);
        b.Property(n => n.Requests).HasMaxLength(EventNotification.TextMax);
        b.Property(n => n.Details).HasMaxLength(EventNotification.TextMax);
        b.Property(n => n.Language).HasMaxLength(16);
        b.Property(n => n.TranslationRequested).HasMaxLength(16);
        b.Property(n => n.SentBy).HasMaxLength(256);
        b.HasIndex(n => new { n.Status, n.AcknowledgeBy });
        b.HasIndex(n => n.DiseaseCode);
        b.OwnsMany(n => n.Translations, t => t.ToJson());
        b.OwnsMany(n => n.History, h => h.ToJson());
    }
}

internal sealed class NotificationResponseConfig : IEntityTypeConfiguration<NotificationResponse>
{
    public void Configure(EntityTypeBuilder<NotificationResponse> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.NotificationOwner).HasMaxLength(16);
        b.Property(r => r.Text).HasMaxLength(NotificationResponse.TextMax);
        b.Property(r => r.Language).HasMaxLength(16);
        b.HasIndex(r => new { r.NotificationId, r.Kind });
    }
}

internal sealed class NotificationAttachmentConfig : IEntityTypeConfiguration<NotificationAttachment>
{
    public void Configure(EntityTypeBuilder<NotificationAttachment> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.FileName).HasMaxLength(Borderlink.Web.UploadedFile.FileNameMax);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.HasIndex(a => a.NotificationId);
    }
}

internal sealed class NotificationEscalationConfig : IEntityTypeConfiguration<NotificationEscalation>
{
    public void Configure(EntityTypeBuilder<NotificationEscalation> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Addressee).HasMaxLength(16);
        b.Property(e => e.ForParty).HasMaxLength(16);
        b.HasIndex(e => new { e.NotificationId, e.Addressee, e.ForParty }).IsUnique();
    }
}

internal sealed class NotificationReadConfig : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> b) => b.HasKey(r => new { r.UserId, r.NotificationId });
}

internal sealed class SituationReportConfig : IEntityTypeConfiguration<SituationReport>
{
    public void Configure(EntityTypeBuilder<SituationReport> b)
    {
        b.ConfigureRecord();
        b.HasIndex(r => new { r.OwnerParty, r.PeriodKind, r.PeriodStart }).IsUnique();
        // Charts read the reports of a period range, every party's: their figures, never their rows.
        b.HasIndex(r => new { r.PeriodKind, r.PeriodStart });
        // The rows are one JSON value, not tracked entities: a report of thousands of rows costs one property to
        // track. Code replaces the list (never edits it in place), so a change of reference is a change.
        b.Property(r => r.Rows).HasConversion(
            rows => System.Text.Json.JsonSerializer.Serialize(rows, SituationJson.Options),
            json => System.Text.Json.JsonSerializer.Deserialize<List<SituationRow>>(json, SituationJson.Options) ?? new List<SituationRow>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<SituationRow>>(
                (a, b) => ReferenceEquals(a, b), rows => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(rows), rows => rows));
    }
}

internal sealed class PendingImportConfig : IEntityTypeConfiguration<PendingImport>
{
    public void Configure(EntityTypeBuilder<PendingImport> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.FileName).HasMaxLength(260);
        b.HasIndex(p => p.CreatedAt);
    }
}

internal sealed class GateStatusChangeConfig : IEntityTypeConfiguration<Borderlink.Features.Gates.GateStatusChange>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Gates.GateStatusChange> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.GatePair).HasMaxLength(60);
        b.Property(c => c.Hours).HasMaxLength(Borderlink.Features.Gates.GateStatusChange.HoursMax);
        b.Property(c => c.Conditions).HasMaxLength(Borderlink.Features.Gates.GateStatusChange.TextMax);
        b.Property(c => c.Reason).HasMaxLength(Borderlink.Features.Gates.GateStatusChange.TextMax);
        b.Property(c => c.Language).HasMaxLength(16);
        b.HasIndex(c => new { c.GatePair, c.EffectiveFrom });
    }
}

internal sealed class CommunicationEntryConfig : IEntityTypeConfiguration<Borderlink.Features.Communications.CommunicationEntry>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Communications.CommunicationEntry> b)
    {
        b.ConfigureRecord();
        b.Property(e => e.CounterpartParty).HasMaxLength(16);
        b.Property(e => e.Subject).HasMaxLength(Borderlink.Features.Communications.CommunicationEntry.SubjectMax);
        b.Property(e => e.Summary).HasMaxLength(Borderlink.Features.Communications.CommunicationEntry.TextMax);
        b.Property(e => e.FollowUp).HasMaxLength(Borderlink.Features.Communications.CommunicationEntry.TextMax);
        b.Property(e => e.Language).HasMaxLength(16);
        b.HasIndex(e => new { e.OwnerParty, e.OccurredAt });
    }
}

internal sealed class MeetingConfig : IEntityTypeConfiguration<Borderlink.Features.Meetings.Meeting>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Meetings.Meeting> b)
    {
        b.ConfigureRecord();
        b.Property(m => m.Title).HasMaxLength(Borderlink.Features.Meetings.Meeting.TitleMax);
        b.Property(m => m.TimeZone).HasMaxLength(64);
        b.Property(m => m.PlaceCode).HasMaxLength(60);
        b.Property(m => m.Location).HasMaxLength(500);
        b.Property(m => m.Agenda).HasMaxLength(Borderlink.Features.Meetings.Meeting.TextMax);
        b.Property(m => m.Language).HasMaxLength(16);
        b.HasIndex(m => m.StartsAt);
        b.OwnsMany(m => m.Participants, p => p.ToJson());
    }
}

internal sealed class MinutesConfig : IEntityTypeConfiguration<Borderlink.Features.Minutes.MeetingMinutes>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Minutes.MeetingMinutes> b)
    {
        b.ConfigureRecord();
        b.Property(m => m.LanguageA).HasMaxLength(16);
        b.Property(m => m.LanguageB).HasMaxLength(16);
        b.Property(m => m.TitleA).HasMaxLength(Borderlink.Features.Minutes.MeetingMinutes.TitleMax);
        b.Property(m => m.TitleB).HasMaxLength(Borderlink.Features.Minutes.MeetingMinutes.TitleMax);
        b.Property(m => m.SigningParties).HasMaxLength(200);
        b.Ignore(m => m.Signers);
        b.HasIndex(m => m.MeetingId);
        b.HasIndex(m => m.AmendsId);
        b.OwnsMany(m => m.Paragraphs, p => p.ToJson());
    }
}

internal sealed class MinutesSignatureConfig : IEntityTypeConfiguration<Borderlink.Features.Minutes.MinutesSignature>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Minutes.MinutesSignature> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.MinutesOwner).HasMaxLength(16);
        b.Property(s => s.ContentHash).HasMaxLength(64);
        b.Property(s => s.SignatoryName).HasMaxLength(Borderlink.Features.Minutes.MinutesSignature.NameMax);
        b.Property(s => s.SignatoryTitle).HasMaxLength(Borderlink.Features.Minutes.MinutesSignature.NameMax);
        b.HasIndex(s => s.MinutesId);
    }
}

internal sealed class AgreementConfig : IEntityTypeConfiguration<Borderlink.Features.Agreements.Agreement>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Agreements.Agreement> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Title).HasMaxLength(Borderlink.Features.Agreements.Agreement.TitleMax);
        b.Property(a => a.Summary).HasMaxLength(Borderlink.Features.Agreements.Agreement.TextMax);
        b.Property(a => a.Language).HasMaxLength(16);
        b.Property(a => a.Parties).HasMaxLength(400);
        b.Ignore(a => a.PartyList);
        b.HasIndex(a => a.SignedOn);
        b.OwnsMany(a => a.Meetings, m => m.ToJson());
    }
}

internal sealed class AgreementDocumentConfig : IEntityTypeConfiguration<Borderlink.Features.Agreements.AgreementDocument>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Agreements.AgreementDocument> b)
    {
        b.ConfigureRecord();
        b.Property(d => d.FileName).HasMaxLength(Borderlink.Web.UploadedFile.FileNameMax);
        b.Property(d => d.ContentType).HasMaxLength(100);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.HasIndex(d => d.AgreementId);
    }
}

internal sealed class AgreedMeasureConfig : IEntityTypeConfiguration<Borderlink.Features.Measures.AgreedMeasure>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Measures.AgreedMeasure> b)
    {
        b.ConfigureRecord();
        b.Property(m => m.What).HasMaxLength(Borderlink.Features.Measures.AgreedMeasure.TextMax);
        b.Property(m => m.Language).HasMaxLength(16);
        b.Ignore(m => m.IsOpen);
        b.HasIndex(m => m.MeetingId);
        b.HasIndex(m => new { m.SourceKind, m.SourceId });
        b.HasIndex(m => new { m.Status, m.DueOn });
        b.OwnsMany(m => m.Progress, p => p.ToJson());
    }
}

internal sealed class MeasureReminderConfig : IEntityTypeConfiguration<Borderlink.Features.Measures.MeasureReminder>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Measures.MeasureReminder> b)
    {
        b.HasKey(r => new { r.MeasureId, r.Kind, r.DueOn });
        b.Property(r => r.Kind).HasMaxLength(40);
    }
}

internal sealed class TranslationRequestConfig : IEntityTypeConfiguration<Borderlink.Features.Translation.TranslationRequest>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Translation.TranslationRequest> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.TargetType).HasMaxLength(64);
        b.Property(r => r.Field).HasMaxLength(40);
        b.Property(r => r.IntoLanguage).HasMaxLength(16);
        b.Property(r => r.Note).HasMaxLength(Borderlink.Features.Translation.TranslationRequest.NoteMax);
        b.HasIndex(r => new { r.TargetId, r.Field });
    }
}

internal sealed class TextTranslationConfig : IEntityTypeConfiguration<Borderlink.Features.Translation.TextTranslation>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Translation.TextTranslation> b)
    {
        b.ConfigureRecord();
        b.Property(t => t.TargetType).HasMaxLength(64);
        b.Property(t => t.Field).HasMaxLength(40);
        b.Property(t => t.Language).HasMaxLength(16);
        b.Property(t => t.Text).HasMaxLength(Borderlink.Features.Translation.TextTranslation.TextMax);
        b.Property(t => t.SourceHash).HasMaxLength(64);
        b.Property(t => t.TranslatedBy).HasMaxLength(256);
        b.HasIndex(t => new { t.TargetId, t.Field, t.Language });
    }
}

internal sealed class GlossaryTermConfig : IEntityTypeConfiguration<Borderlink.Features.Translation.GlossaryTerm>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Translation.GlossaryTerm> b)
    {
        b.HasKey(t => t.Code);
        b.Property(t => t.Code).HasMaxLength(60);
        b.Property(t => t.Category).HasMaxLength(40);
        b.Property(t => t.NameEn).HasMaxLength(Borderlink.Features.Translation.GlossaryTerm.TermMax);
        b.Property(t => t.NameVi).HasMaxLength(Borderlink.Features.Translation.GlossaryTerm.TermMax);
        b.Property(t => t.NameZh).HasMaxLength(Borderlink.Features.Translation.GlossaryTerm.TermMax);
        b.Property(t => t.NameFr).HasMaxLength(Borderlink.Features.Translation.GlossaryTerm.TermMax);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class CrossingConfig : IEntityTypeConfiguration<Borderlink.Features.Screening.CrossingRecord>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Screening.CrossingRecord> b)
    {
        b.ToTable("Crossings");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Party).HasMaxLength(16);
        b.Property(c => c.GatePair).HasMaxLength(60);
        b.Property(c => c.Nationality).HasMaxLength(3);
        b.Property(c => c.TravellerName).HasMaxLength(Borderlink.Features.Screening.CrossingRecord.TextMax);
        b.Property(c => c.DocumentNumber).HasMaxLength(Borderlink.Features.Screening.CrossingRecord.TextMax);
        b.Property(c => c.VehiclePlate).HasMaxLength(Borderlink.Features.Screening.CrossingRecord.TextMax);
        b.Property(c => c.Goods).HasMaxLength(Borderlink.Features.Screening.CrossingRecord.TextMax);
        // The dashboard and the daily counts read one gate's day; nothing else is indexed, to keep ingest fast.
        b.HasIndex(c => new { c.Party, c.GatePair, c.LocalDate });
        // Positives are few: a partial index finds the latest ones for the dashboard at no cost to ingest.
        b.HasIndex(c => new { c.Party, c.OccurredAt }).HasDatabaseName("IX_Crossings_Positive").HasFilter("\"Test\" = 2");
    }
}

internal sealed class CrossingBatchConfig : IEntityTypeConfiguration<Borderlink.Features.Screening.CrossingBatch>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Screening.CrossingBatch> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Party).HasMaxLength(16);
        b.Property(x => x.GatePair).HasMaxLength(60);
        b.Property(x => x.ReceivedBy).HasMaxLength(256);
    }
}

internal sealed class ScreeningSummaryConfig : IEntityTypeConfiguration<Borderlink.Features.Screening.ScreeningSummary>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Screening.ScreeningSummary> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.GatePair).HasMaxLength(60);
        b.HasIndex(s => new { s.OwnerParty, s.GatePair, s.Date });
        b.OwnsMany(s => s.Counts, c => c.ToJson());
    }
}

internal sealed class ScreeningExtractConfig : IEntityTypeConfiguration<Borderlink.Features.Screening.ScreeningExtract>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Screening.ScreeningExtract> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.GatePair).HasMaxLength(60);
        b.Property(s => s.Nationality).HasMaxLength(3);
        b.Property(s => s.TravellerName).HasMaxLength(Borderlink.Features.Screening.CrossingRecord.TextMax);
        b.Property(s => s.DocumentNumber).HasMaxLength(Borderlink.Features.Screening.CrossingRecord.TextMax);
        b.Property(s => s.VehiclePlate).HasMaxLength(Borderlink.Features.Screening.CrossingRecord.TextMax);
        b.Property(s => s.Goods).HasMaxLength(Borderlink.Features.Screening.CrossingRecord.TextMax);
    }
}

internal sealed class SpecialItemPermitConfig : IEntityTypeConfiguration<Borderlink.Features.Permits.SpecialItemPermit>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Permits.SpecialItemPermit> b)
    {
        b.ConfigureRecord();
        b.Property(p => p.GatePair).HasMaxLength(60);
        b.Property(p => p.Applicant).HasMaxLength(Borderlink.Features.Permits.SpecialItemPermit.TextMax);
        b.Property(p => p.Consignee).HasMaxLength(Borderlink.Features.Permits.SpecialItemPermit.TextMax);
        b.Property(p => p.Item).HasMaxLength(Borderlink.Features.Permits.SpecialItemPermit.TextMax);
        b.Property(p => p.Unit).HasMaxLength(40);
        b.Property(p => p.Language).HasMaxLength(16);
        b.HasIndex(p => new { p.GatePair, p.ValidTo });
    }
}

internal sealed class PermitApprovalConfig : IEntityTypeConfiguration<Borderlink.Features.Permits.PermitApproval>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Permits.PermitApproval> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Note).HasMaxLength(Borderlink.Features.Permits.SpecialItemPermit.TextMax);
        b.Property(a => a.DecidedBy).HasMaxLength(256);
        b.HasIndex(a => a.PermitId);
    }
}

internal sealed class QuarantineFacilityConfig : IEntityTypeConfiguration<Borderlink.Features.Quarantine.QuarantineFacility>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Quarantine.QuarantineFacility> b)
    {
        b.ConfigureRecord();
        b.Property(f => f.Name).HasMaxLength(Borderlink.Features.Quarantine.QuarantineFacility.NameMax);
        b.Property(f => f.PlaceCode).HasMaxLength(60);
        b.Property(f => f.GatePair).HasMaxLength(60);
        b.Property(f => f.Language).HasMaxLength(16);
        b.Ignore(f => f.NearCapacity);
    }
}

internal sealed class QuarantineStayConfig : IEntityTypeConfiguration<Borderlink.Features.Quarantine.QuarantineStay>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Quarantine.QuarantineStay> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Party).HasMaxLength(16);
        b.Property(s => s.Label).HasMaxLength(Borderlink.Features.Quarantine.QuarantineStay.TextMax);
        b.Property(s => s.Nationality).HasMaxLength(3);
        b.Property(s => s.RecordedBy).HasMaxLength(256);
        b.Ignore(s => s.Current);
        b.HasIndex(s => new { s.FacilityId, s.EndedOn });
        b.OwnsMany(s => s.Tests, t => t.ToJson());
    }
}

internal sealed class VectorObservationConfig : IEntityTypeConfiguration<Borderlink.Features.Vectors.VectorObservation>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Vectors.VectorObservation> b)
    {
        b.ConfigureRecord();
        b.Property(v => v.GatePair).HasMaxLength(60);
        b.Property(v => v.Species).HasMaxLength(200);
        b.Property(v => v.Pathogen).HasMaxLength(200);
        b.Property(v => v.Notes).HasMaxLength(Borderlink.Features.Vectors.VectorObservation.TextMax);
        b.Property(v => v.Language).HasMaxLength(16);
        b.Ignore(v => v.Positive);
        b.Ignore(v => v.SuggestsNotification);
        b.HasIndex(v => new { v.GatePair, v.ObservedOn });
    }
}

internal sealed class VectorThresholdConfig : IEntityTypeConfiguration<Borderlink.Features.Vectors.VectorThreshold>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Vectors.VectorThreshold> b)
    {
        b.HasKey(t => t.Kind);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class GateTrafficConfig : IEntityTypeConfiguration<Borderlink.Features.Traffic.GateTraffic>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Traffic.GateTraffic> b)
    {
        b.ConfigureRecord();
        b.Property(t => t.GatePair).HasMaxLength(60);
        b.HasIndex(t => new { t.GatePair, t.Date });
    }
}

internal sealed class CongestionThresholdConfig : IEntityTypeConfiguration<Borderlink.Features.Traffic.CongestionThreshold>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Traffic.CongestionThreshold> b)
    {
        b.HasKey(t => new { t.GatePair, t.Party });
        b.Property(t => t.GatePair).HasMaxLength(60);
        b.Property(t => t.Party).HasMaxLength(16);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class CongestionAlertConfig : IEntityTypeConfiguration<Borderlink.Features.Traffic.CongestionAlert>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Traffic.CongestionAlert> b)
    {
        b.HasKey(a => new { a.TrafficId, a.Party });
        b.Property(a => a.Party).HasMaxLength(16);
    }
}

internal sealed class GoodsListConfig : IEntityTypeConfiguration<Borderlink.Features.Goods.GoodsList>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Goods.GoodsList> b)
    {
        b.ConfigureRecord();
        b.Property(l => l.GatePair).HasMaxLength(60);
        b.Property(l => l.Language).HasMaxLength(16);
        b.HasIndex(l => new { l.GatePair, l.OwnerParty });
        b.OwnsMany(l => l.Items, i => i.ToJson());
    }
}

internal sealed class GoodsProposalConfig : IEntityTypeConfiguration<Borderlink.Features.Goods.GoodsProposal>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Goods.GoodsProposal> b)
    {
        b.ConfigureRecord();
        b.Property(p => p.GatePair).HasMaxLength(60);
        b.Property(p => p.Message).HasMaxLength(4_000);
        b.Property(p => p.Language).HasMaxLength(16);
        b.HasIndex(p => p.GatePair);
        b.OwnsMany(p => p.Items, i => i.ToJson());
    }
}

internal sealed class GoodsProposalAnswerConfig : IEntityTypeConfiguration<Borderlink.Features.Goods.GoodsProposalAnswer>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Goods.GoodsProposalAnswer> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Note).HasMaxLength(4_000);
        b.HasIndex(a => a.ProposalId);
    }
}

internal sealed class CalendarFeedConfig : IEntityTypeConfiguration<Borderlink.Features.Meetings.CalendarFeed>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Meetings.CalendarFeed> b)
    {
        b.HasKey(f => f.Id);
        b.Property(f => f.SecretHash).HasMaxLength(64);
        b.HasIndex(f => f.SecretHash).IsUnique();
        b.HasIndex(f => f.UserId);
    }
}

internal sealed class JointActivityConfig : IEntityTypeConfiguration<Borderlink.Features.Cooperation.JointActivity>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Cooperation.JointActivity> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Title).HasMaxLength(Borderlink.Features.Cooperation.JointActivity.TitleMax);
        b.Property(a => a.Subject).HasMaxLength(Borderlink.Features.Cooperation.JointActivity.TextMax);
        b.Property(a => a.Location).HasMaxLength(500);
        b.Property(a => a.Participants).HasMaxLength(Borderlink.Features.Cooperation.JointActivity.TextMax);
        b.Property(a => a.Findings).HasMaxLength(Borderlink.Features.Cooperation.JointActivity.TextMax);
        b.Property(a => a.Language).HasMaxLength(16);
        b.HasIndex(a => a.StartsOn);
    }
}

internal sealed class RecognitionConfig : IEntityTypeConfiguration<Borderlink.Features.Cooperation.Recognition>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Cooperation.Recognition> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.Title).HasMaxLength(Borderlink.Features.Cooperation.Recognition.NameMax);
        b.Property(r => r.PersonName).HasMaxLength(Borderlink.Features.Cooperation.Recognition.NameMax);
        b.Property(r => r.PersonParty).HasMaxLength(16);
        b.Property(r => r.Agency).HasMaxLength(Borderlink.Features.Cooperation.Recognition.NameMax);
        b.Property(r => r.Citation).HasMaxLength(Borderlink.Features.Cooperation.JointActivity.TextMax);
        b.Property(r => r.Language).HasMaxLength(16);
        b.HasIndex(r => new { r.Year, r.Quarter });
    }
}

internal sealed class ContactEntryConfig : IEntityTypeConfiguration<Borderlink.Features.Directory.ContactEntry>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Directory.ContactEntry> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.Name).HasMaxLength(Borderlink.Features.Directory.ContactEntry.FieldMax);
        b.Property(c => c.Phone).HasMaxLength(Borderlink.Features.Directory.ContactEntry.FieldMax);
        b.Property(c => c.Email).HasMaxLength(Borderlink.Features.Directory.ContactEntry.FieldMax);
        b.Property(c => c.Hours).HasMaxLength(Borderlink.Features.Directory.ContactEntry.FieldMax);
        b.Property(c => c.Languages).HasMaxLength(100);
        b.Property(c => c.SearchText).HasMaxLength(2000);
    }
}

internal sealed class DutyShiftConfig : IEntityTypeConfiguration<Borderlink.Features.Directory.DutyShift>
{
    public void Configure(EntityTypeBuilder<Borderlink.Features.Directory.DutyShift> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.OfficerName).HasMaxLength(Borderlink.Features.Directory.ContactEntry.FieldMax);
        b.Property(s => s.Phone).HasMaxLength(Borderlink.Features.Directory.ContactEntry.FieldMax);
        b.HasIndex(s => new { s.HotlineId, s.StartsAt });
    }
}

internal sealed class AuditEntryConfig : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        // Triggers made by the AuditAppendOnly migrations refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL). A later
        // migration that rebuilds this table on SQLite (as EF Core does for some column changes) drops them with the
        // old table and has to create them again.
        b.HasKey(e => e.Seq);
        b.Property(e => e.Seq).ValueGeneratedNever();
        b.HasIndex(e => new { e.Party, e.At });
        b.HasIndex(e => e.RecordId);
        b.Property(e => e.Client).HasMaxLength(64);
    }
}

internal sealed class AuditHeadConfig : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.HasData(new AuditHead { Id = 1, LastSeq = 0, LastHash = "" });
    }
}

internal sealed class ApiTokenConfig : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.HasIndex(t => t.SecretHash).IsUnique();
        b.HasOne(t => t.Agency).WithMany().HasForeignKey(t => t.AgencyId);
        b.Ignore(t => t.ScopeList);
    }
}

internal sealed class IdempotencyKeyConfig : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> b)
    {
        b.HasKey(k => new { k.UserId, k.Key });
        b.Property(k => k.Key).HasMaxLength(200);
        b.Property(k => k.RequestHash).HasMaxLength(64);
    }
}

internal sealed class NodeKeyConfig : IEntityTypeConfiguration<Borderlink.Sharing.Exchange.NodeKey>
{
    public void Configure(EntityTypeBuilder<Borderlink.Sharing.Exchange.NodeKey> b) => b.HasKey(k => k.Kid);
}

internal sealed class PartnerNodeConfig : IEntityTypeConfiguration<Borderlink.Sharing.Exchange.PartnerNode>
{
    public void Configure(EntityTypeBuilder<Borderlink.Sharing.Exchange.PartnerNode> b)
    {
        b.HasKey(p => p.NodeId);
        b.HasMany(p => p.Keys).WithOne().HasForeignKey(k => k.NodeId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.PartyList);
    }
}

internal sealed class PartnerKeyConfig : IEntityTypeConfiguration<Borderlink.Sharing.Exchange.PartnerKey>
{
    public void Configure(EntityTypeBuilder<Borderlink.Sharing.Exchange.PartnerKey> b) => b.HasKey(k => new { k.NodeId, k.Kid });
}

internal sealed class OutboxMessageConfig : IEntityTypeConfiguration<Borderlink.Sharing.Exchange.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Borderlink.Sharing.Exchange.OutboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => new { m.ToNode, m.Status });
    }
}

internal sealed class InboxMessageConfig : IEntityTypeConfiguration<Borderlink.Sharing.Exchange.InboxMessage>
{
    public void Configure(EntityTypeBuilder<Borderlink.Sharing.Exchange.InboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
    }
}

internal sealed class ReplicaStateConfig : IEntityTypeConfiguration<Borderlink.Sharing.Exchange.ReplicaState>
{
    public void Configure(EntityTypeBuilder<Borderlink.Sharing.Exchange.ReplicaState> b) => b.HasKey(r => new { r.RecordType, r.RecordId });
}

internal sealed class UserConfig : IEntityTypeConfiguration<BorderlinkUser>
{
    public void Configure(EntityTypeBuilder<BorderlinkUser> b)
    {
        b.Property(u => u.PartyCode).HasMaxLength(16);
        b.HasIndex(u => u.PartyCode);
    }
}
