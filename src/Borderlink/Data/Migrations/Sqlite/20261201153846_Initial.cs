using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgencyFunctions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    NameVi = table.Column<string>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", nullable: false),
                    RestrictedExchange = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyFunctions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "AgreedMeasures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceKind = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Progress = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreedMeasures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AgreementDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Agreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Parties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Meetings = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agreements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    PreferredLanguage = table.Column<string>(type: "TEXT", nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    Party = table.Column<string>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", nullable: true),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    PrevHash = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "AuditHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommunicationEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    CounterpartParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CounterpartAgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    FollowUp = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    FollowUpDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunicationEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CongestionAlerts",
                columns: table => new
                {
                    TrafficId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AlertedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CongestionAlerts", x => new { x.TrafficId, x.Party });
                });

            migrationBuilder.CreateTable(
                name: "CongestionThresholds",
                columns: table => new
                {
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TrucksWaiting = table.Column<int>(type: "INTEGER", nullable: false),
                    ClearanceMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CongestionThresholds", x => new { x.GatePair, x.Party });
                });

            migrationBuilder.CreateTable(
                name: "ContactEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CrossingBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Lines = table.Column<int>(type: "INTEGER", nullable: false),
                    Applied = table.Column<int>(type: "INTEGER", nullable: false),
                    AlreadyPresent = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossingBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Crossings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    Nationality = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    TravellerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HealthDeclaration = table.Column<bool>(type: "INTEGER", nullable: false),
                    TemperatureC = table.Column<double>(type: "REAL", nullable: true),
                    Symptoms = table.Column<bool>(type: "INTEGER", nullable: false),
                    Test = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    VehiclePlate = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Disinfected = table.Column<bool>(type: "INTEGER", nullable: false),
                    Goods = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sampled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PermitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Crossings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Diseases",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Icd10 = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    NameVi = table.Column<string>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", nullable: false),
                    CnClass = table.Column<string>(type: "TEXT", nullable: false),
                    VnGroup = table.Column<string>(type: "TEXT", nullable: false),
                    IhrAnnex2 = table.Column<string>(type: "TEXT", nullable: false),
                    CnReportHours = table.Column<int>(type: "INTEGER", nullable: true),
                    VnReportHours = table.Column<int>(type: "INTEGER", nullable: true),
                    AckHoursOverride = table.Column<int>(type: "INTEGER", nullable: true),
                    Notifiable = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Diseases", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "DutyShifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HotlineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyShifts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EventNotifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DiseaseCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PlaceCodes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    GatePairCodes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Addressees = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AddresseeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OnsetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DetectedDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Suspected = table.Column<int>(type: "INTEGER", nullable: false),
                    Probable = table.Column<int>(type: "INTEGER", nullable: false),
                    Confirmed = table.Column<int>(type: "INTEGER", nullable: false),
                    Deaths = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedFrom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ExportedTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Risk = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskRationale = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MeasuresTaken = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Requests = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TranslationRequested = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AcknowledgementHours = table.Column<int>(type: "INTEGER", nullable: true),
                    AcknowledgeBy = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    History = table.Column<string>(type: "TEXT", nullable: true),
                    Translations = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventNotifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GatePairs",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    VnParty = table.Column<string>(type: "TEXT", nullable: false),
                    CnParty = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    NameVi = table.Column<string>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", nullable: false),
                    VnGate = table.Column<string>(type: "TEXT", nullable: false),
                    CnGate = table.Column<string>(type: "TEXT", nullable: false),
                    CnPlace = table.Column<string>(type: "TEXT", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", nullable: false),
                    Flows = table.Column<string>(type: "TEXT", nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GatePairs", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "GateStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Flow = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateStatusChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GateTraffic",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Hour = table.Column<int>(type: "INTEGER", nullable: true),
                    PeopleIn = table.Column<int>(type: "INTEGER", nullable: false),
                    PeopleOut = table.Column<int>(type: "INTEGER", nullable: false),
                    Vehicles = table.Column<int>(type: "INTEGER", nullable: false),
                    TrucksWaiting = table.Column<int>(type: "INTEGER", nullable: false),
                    ClearanceMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    TrucksWaitingLimit = table.Column<int>(type: "INTEGER", nullable: false),
                    ClearanceMinutesLimit = table.Column<int>(type: "INTEGER", nullable: true),
                    Congested = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateTraffic", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryTerms",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameVi = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryTerms", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "GoodsLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Items = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoodsLists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GoodsProposalAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProposalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CounterProposalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoodsProposalAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GoodsProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CounterTo = table.Column<Guid>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Items = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoodsProposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyKeys",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyKeys", x => new { x.UserId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "InboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromNode = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", nullable: true),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UnappliedRecord = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JointActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointActivities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LiaisonNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TranslationRequested = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Translations = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonNotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeasureReminders",
                columns: table => new
                {
                    MeasureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureReminders", x => new { x.MeasureId, x.Kind, x.DueOn });
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: true),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    PlaceCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Participants = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Minutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmendsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmendmentNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    LanguageA = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LanguageB = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TitleA = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleB = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SigningParties = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Paragraphs = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Minutes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MinutesSignatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MinutesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MinutesOwner = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MinutesVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignatoryName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignatoryTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinutesSignatures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NodeKeys",
                columns: table => new
                {
                    Kid = table.Column<string>(type: "TEXT", nullable: false),
                    PublicJwk = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EncryptionKid = table.Column<string>(type: "TEXT", nullable: true),
                    EncryptionJwk = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedEncryptionKey = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NodeKeys", x => x.Kid);
                });

            migrationBuilder.CreateTable(
                name: "NotificationAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationEscalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Addressee = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ForParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationEscalations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationReads",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationReads", x => new { x.UserId, x.NotificationId });
                });

            migrationBuilder.CreateTable(
                name: "NotificationResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotificationOwner = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationResponses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToNode = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceiptStatus = table.Column<string>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Parties",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    NameVi = table.Column<string>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", nullable: false),
                    Languages = table.Column<string>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SuccessorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Parties", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "PartnerNodes",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "TEXT", nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", nullable: false),
                    Parties = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", nullable: false),
                    LastContactAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    LastErrorAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerNodes", x => x.NodeId);
                });

            migrationBuilder.CreateTable(
                name: "Partnerships",
                columns: table => new
                {
                    PartyA = table.Column<string>(type: "TEXT", nullable: false),
                    PartyB = table.Column<string>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partnerships", x => new { x.PartyA, x.PartyB });
                });

            migrationBuilder.CreateTable(
                name: "PendingImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Rows = table.Column<string>(type: "TEXT", nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Conflicts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PermitApprovals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PermitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PermitVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PermitApprovals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Places",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", nullable: true),
                    PartyCode = table.Column<string>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    NameVi = table.Column<string>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Places", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "QuarantineFacilities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PlaceCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    AlertAtPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Occupancy = table.Column<int>(type: "INTEGER", nullable: false),
                    NearCapacitySince = table.Column<long>(type: "INTEGER", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarantineFacilities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuarantineStays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FacilityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    Nationality = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    CrossingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Tests = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarantineStays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recognitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PersonParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Citation = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recognitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReplicaStates",
                columns: table => new
                {
                    RecordType = table.Column<string>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerNode = table.Column<string>(type: "TEXT", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Retracted = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplicaStates", x => new { x.RecordType, x.RecordId });
                });

            migrationBuilder.CreateTable(
                name: "ScreeningExtracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CrossingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    Nationality = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    TravellerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TemperatureC = table.Column<double>(type: "REAL", nullable: true),
                    Symptoms = table.Column<bool>(type: "INTEGER", nullable: false),
                    Test = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    VehiclePlate = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Goods = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningExtracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningSummaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Counts = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningSummaries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SituationReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodKind = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Rows = table.Column<string>(type: "TEXT", nullable: false),
                    Figures = table.Column<string>(type: "TEXT", nullable: true),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SituationReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpecialItemPermits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Applicant = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Consignee = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Quantity = table.Column<double>(type: "REAL", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Packaging = table.Column<int>(type: "INTEGER", nullable: false),
                    TowardsChina = table.Column<bool>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpecialItemPermits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TextTranslations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SourceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TranslatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextTranslations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TranslationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IntoLanguage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranslationRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Addressee = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VectorObservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ObservedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Species = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Effort = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<double>(type: "REAL", nullable: false),
                    Threshold = table.Column<double>(type: "REAL", nullable: false),
                    Pathogen = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VectorObservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VectorThresholds",
                columns: table => new
                {
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VectorThresholds", x => x.Kind);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyCode = table.Column<string>(type: "TEXT", nullable: false),
                    FunctionCode = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    NameVi = table.Column<string>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", nullable: false),
                    Hotline = table.Column<string>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agencies_AgencyFunctions_FunctionCode",
                        column: x => x.FunctionCode,
                        principalTable: "AgencyFunctions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Agencies_Parties_PartyCode",
                        column: x => x.PartyCode,
                        principalTable: "Parties",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerKeys",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "TEXT", nullable: false),
                    Kid = table.Column<string>(type: "TEXT", nullable: false),
                    Jwk = table.Column<string>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<long>(type: "INTEGER", nullable: true),
                    ValidTo = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerKeys", x => new { x.NodeId, x.Kid });
                    table.ForeignKey(
                        name: "FK_PartnerKeys_PartnerNodes_NodeId",
                        column: x => x.NodeId,
                        principalTable: "PartnerNodes",
                        principalColumn: "NodeId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyCode = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", nullable: false),
                    GatePairCode = table.Column<string>(type: "TEXT", nullable: true),
                    SecretHash = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiTokens_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AuditHeads",
                columns: new[] { "Id", "LastHash", "LastSeq" },
                values: new object[] { 1, "", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_FunctionCode",
                table: "Agencies",
                column: "FunctionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_PartyCode_FunctionCode",
                table: "Agencies",
                columns: new[] { "PartyCode", "FunctionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_AgreedMeasures_MeetingId",
                table: "AgreedMeasures",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreedMeasures_OwnerParty_UpdatedAt",
                table: "AgreedMeasures",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgreedMeasures_SourceKind_SourceId",
                table: "AgreedMeasures",
                columns: new[] { "SourceKind", "SourceId" });

            migrationBuilder.CreateIndex(
                name: "IX_AgreedMeasures_Status_DueOn",
                table: "AgreedMeasures",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementDocuments_AgreementId",
                table: "AgreementDocuments",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementDocuments_OwnerParty_UpdatedAt",
                table: "AgreementDocuments",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_OwnerParty_UpdatedAt",
                table: "Agreements",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_SignedOn",
                table: "Agreements",
                column: "SignedOn");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_AgencyId",
                table: "ApiTokens",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_SecretHash",
                table: "ApiTokens",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PartyCode",
                table: "AspNetUsers",
                column: "PartyCode");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Party_At",
                table: "AuditEntries",
                columns: new[] { "Party", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_RecordId",
                table: "AuditEntries",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_SecretHash",
                table: "CalendarFeeds",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_UserId",
                table: "CalendarFeeds",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunicationEntries_OwnerParty_OccurredAt",
                table: "CommunicationEntries",
                columns: new[] { "OwnerParty", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunicationEntries_OwnerParty_UpdatedAt",
                table: "CommunicationEntries",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactEntries_OwnerParty_UpdatedAt",
                table: "ContactEntries",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Crossings_Party_GatePair_LocalDate",
                table: "Crossings",
                columns: new[] { "Party", "GatePair", "LocalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Crossings_Positive",
                table: "Crossings",
                columns: new[] { "Party", "OccurredAt" },
                filter: "\"Test\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_DutyShifts_HotlineId_StartsAt",
                table: "DutyShifts",
                columns: new[] { "HotlineId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyShifts_OwnerParty_UpdatedAt",
                table: "DutyShifts",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EventNotifications_DiseaseCode",
                table: "EventNotifications",
                column: "DiseaseCode");

            migrationBuilder.CreateIndex(
                name: "IX_EventNotifications_OwnerParty_UpdatedAt",
                table: "EventNotifications",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EventNotifications_Status_AcknowledgeBy",
                table: "EventNotifications",
                columns: new[] { "Status", "AcknowledgeBy" });

            migrationBuilder.CreateIndex(
                name: "IX_GateStatusChanges_GatePair_EffectiveFrom",
                table: "GateStatusChanges",
                columns: new[] { "GatePair", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_GateStatusChanges_OwnerParty_UpdatedAt",
                table: "GateStatusChanges",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GateTraffic_GatePair_Date",
                table: "GateTraffic",
                columns: new[] { "GatePair", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_GateTraffic_OwnerParty_UpdatedAt",
                table: "GateTraffic",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GoodsLists_GatePair_OwnerParty",
                table: "GoodsLists",
                columns: new[] { "GatePair", "OwnerParty" });

            migrationBuilder.CreateIndex(
                name: "IX_GoodsLists_OwnerParty_UpdatedAt",
                table: "GoodsLists",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GoodsProposalAnswers_OwnerParty_UpdatedAt",
                table: "GoodsProposalAnswers",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GoodsProposalAnswers_ProposalId",
                table: "GoodsProposalAnswers",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_GoodsProposals_GatePair",
                table: "GoodsProposals",
                column: "GatePair");

            migrationBuilder.CreateIndex(
                name: "IX_GoodsProposals_OwnerParty_UpdatedAt",
                table: "GoodsProposals",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JointActivities_OwnerParty_UpdatedAt",
                table: "JointActivities",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JointActivities_StartsOn",
                table: "JointActivities",
                column: "StartsOn");

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonNotes_OwnerParty_UpdatedAt",
                table: "LiaisonNotes",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OwnerParty_UpdatedAt",
                table: "Meetings",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_StartsAt",
                table: "Meetings",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_Minutes_AmendsId",
                table: "Minutes",
                column: "AmendsId");

            migrationBuilder.CreateIndex(
                name: "IX_Minutes_MeetingId",
                table: "Minutes",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Minutes_OwnerParty_UpdatedAt",
                table: "Minutes",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MinutesSignatures_MinutesId",
                table: "MinutesSignatures",
                column: "MinutesId");

            migrationBuilder.CreateIndex(
                name: "IX_MinutesSignatures_OwnerParty_UpdatedAt",
                table: "MinutesSignatures",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationAttachments_NotificationId",
                table: "NotificationAttachments",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationAttachments_OwnerParty_UpdatedAt",
                table: "NotificationAttachments",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationEscalations_NotificationId_Addressee_ForParty",
                table: "NotificationEscalations",
                columns: new[] { "NotificationId", "Addressee", "ForParty" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationResponses_NotificationId_Kind",
                table: "NotificationResponses",
                columns: new[] { "NotificationId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationResponses_OwnerParty_UpdatedAt",
                table: "NotificationResponses",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ToNode_Status",
                table: "OutboxMessages",
                columns: new[] { "ToNode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingImports_CreatedAt",
                table: "PendingImports",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PermitApprovals_OwnerParty_UpdatedAt",
                table: "PermitApprovals",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PermitApprovals_PermitId",
                table: "PermitApprovals",
                column: "PermitId");

            migrationBuilder.CreateIndex(
                name: "IX_QuarantineFacilities_OwnerParty_UpdatedAt",
                table: "QuarantineFacilities",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QuarantineStays_FacilityId_EndedOn",
                table: "QuarantineStays",
                columns: new[] { "FacilityId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_OwnerParty_UpdatedAt",
                table: "Recognitions",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_Year_Quarter",
                table: "Recognitions",
                columns: new[] { "Year", "Quarter" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningExtracts_OwnerParty_UpdatedAt",
                table: "ScreeningExtracts",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningSummaries_OwnerParty_GatePair_Date",
                table: "ScreeningSummaries",
                columns: new[] { "OwnerParty", "GatePair", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningSummaries_OwnerParty_UpdatedAt",
                table: "ScreeningSummaries",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_OwnerParty_PeriodKind_PeriodStart",
                table: "SituationReports",
                columns: new[] { "OwnerParty", "PeriodKind", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_OwnerParty_UpdatedAt",
                table: "SituationReports",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_PeriodKind_PeriodStart",
                table: "SituationReports",
                columns: new[] { "PeriodKind", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_SpecialItemPermits_GatePair_ValidTo",
                table: "SpecialItemPermits",
                columns: new[] { "GatePair", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_SpecialItemPermits_OwnerParty_UpdatedAt",
                table: "SpecialItemPermits",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TextTranslations_OwnerParty_UpdatedAt",
                table: "TextTranslations",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TextTranslations_TargetId_Field_Language",
                table: "TextTranslations",
                columns: new[] { "TargetId", "Field", "Language" });

            migrationBuilder.CreateIndex(
                name: "IX_TranslationRequests_OwnerParty_UpdatedAt",
                table: "TranslationRequests",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TranslationRequests_TargetId_Field",
                table: "TranslationRequests",
                columns: new[] { "TargetId", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_UserAlerts_UserId_ReadAt",
                table: "UserAlerts",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VectorObservations_GatePair_ObservedOn",
                table: "VectorObservations",
                columns: new[] { "GatePair", "ObservedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VectorObservations_OwnerParty_UpdatedAt",
                table: "VectorObservations",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            // Hand-written: what the model cannot say (see HandWrittenSql.cs).
            HandWrittenSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            HandWrittenSql.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "AgreedMeasures");

            migrationBuilder.DropTable(
                name: "AgreementDocuments");

            migrationBuilder.DropTable(
                name: "Agreements");

            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "AuditHeads");

            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropTable(
                name: "CommunicationEntries");

            migrationBuilder.DropTable(
                name: "CongestionAlerts");

            migrationBuilder.DropTable(
                name: "CongestionThresholds");

            migrationBuilder.DropTable(
                name: "ContactEntries");

            migrationBuilder.DropTable(
                name: "CrossingBatches");

            migrationBuilder.DropTable(
                name: "Crossings");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Diseases");

            migrationBuilder.DropTable(
                name: "DutyShifts");

            migrationBuilder.DropTable(
                name: "EventNotifications");

            migrationBuilder.DropTable(
                name: "GatePairs");

            migrationBuilder.DropTable(
                name: "GateStatusChanges");

            migrationBuilder.DropTable(
                name: "GateTraffic");

            migrationBuilder.DropTable(
                name: "GlossaryTerms");

            migrationBuilder.DropTable(
                name: "GoodsLists");

            migrationBuilder.DropTable(
                name: "GoodsProposalAnswers");

            migrationBuilder.DropTable(
                name: "GoodsProposals");

            migrationBuilder.DropTable(
                name: "IdempotencyKeys");

            migrationBuilder.DropTable(
                name: "InboxMessages");

            migrationBuilder.DropTable(
                name: "JointActivities");

            migrationBuilder.DropTable(
                name: "LiaisonNotes");

            migrationBuilder.DropTable(
                name: "MeasureReminders");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "Minutes");

            migrationBuilder.DropTable(
                name: "MinutesSignatures");

            migrationBuilder.DropTable(
                name: "NodeKeys");

            migrationBuilder.DropTable(
                name: "NotificationAttachments");

            migrationBuilder.DropTable(
                name: "NotificationEscalations");

            migrationBuilder.DropTable(
                name: "NotificationReads");

            migrationBuilder.DropTable(
                name: "NotificationResponses");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PartnerKeys");

            migrationBuilder.DropTable(
                name: "Partnerships");

            migrationBuilder.DropTable(
                name: "PendingImports");

            migrationBuilder.DropTable(
                name: "PermitApprovals");

            migrationBuilder.DropTable(
                name: "Places");

            migrationBuilder.DropTable(
                name: "QuarantineFacilities");

            migrationBuilder.DropTable(
                name: "QuarantineStays");

            migrationBuilder.DropTable(
                name: "Recognitions");

            migrationBuilder.DropTable(
                name: "ReplicaStates");

            migrationBuilder.DropTable(
                name: "ScreeningExtracts");

            migrationBuilder.DropTable(
                name: "ScreeningSummaries");

            migrationBuilder.DropTable(
                name: "SituationReports");

            migrationBuilder.DropTable(
                name: "SpecialItemPermits");

            migrationBuilder.DropTable(
                name: "TextTranslations");

            migrationBuilder.DropTable(
                name: "TranslationRequests");

            migrationBuilder.DropTable(
                name: "UserAlerts");

            migrationBuilder.DropTable(
                name: "VectorObservations");

            migrationBuilder.DropTable(
                name: "VectorThresholds");

            migrationBuilder.DropTable(
                name: "Agencies");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "PartnerNodes");

            migrationBuilder.DropTable(
                name: "AgencyFunctions");

            migrationBuilder.DropTable(
                name: "Parties");
        }
    }
}
