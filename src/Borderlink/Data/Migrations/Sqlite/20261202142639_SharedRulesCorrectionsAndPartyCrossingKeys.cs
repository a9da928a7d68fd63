using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SharedRulesCorrectionsAndPartyCrossingKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite drops a column in place (3.35+) and rebuilds a table for a new primary key; EF Core's own rebuild
            // would switch foreign keys off outside the migration's transaction (nothing references either table).
            migrationBuilder.Sql("ALTER TABLE \"Diseases\" DROP COLUMN \"AckHoursOverride\";");

            migrationBuilder.AddColumn<Guid>(
                name: "AcknowledgementRuleId",
                table: "EventNotifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("""
CREATE TABLE "ef_temp_Crossings" (
    "Party" TEXT NOT NULL,
    "Id" TEXT NOT NULL,
    "BatchId" TEXT NOT NULL,
    "Decision" INTEGER NOT NULL,
    "Direction" INTEGER NOT NULL,
    "Disinfected" INTEGER NOT NULL,
    "DocumentNumber" TEXT NOT NULL,
    "GatePair" TEXT NOT NULL,
    "Goods" TEXT NOT NULL,
    "HealthDeclaration" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "LocalDate" TEXT NOT NULL,
    "Nationality" TEXT NOT NULL,
    "OccurredAt" INTEGER NOT NULL,
    "PermitId" TEXT NULL,
    "Purpose" INTEGER NOT NULL,
    "RecordedAt" INTEGER NOT NULL,
    "Sampled" INTEGER NOT NULL,
    "Symptoms" INTEGER NOT NULL,
    "TemperatureC" REAL NULL,
    "Test" INTEGER NOT NULL,
    "TravellerName" TEXT NOT NULL,
    "VehiclePlate" TEXT NOT NULL,
    CONSTRAINT "PK_Crossings" PRIMARY KEY ("Party", "Id")
);
""");
            migrationBuilder.Sql("INSERT INTO \"ef_temp_Crossings\" (\"Party\", \"Id\", \"BatchId\", \"Decision\", \"Direction\", \"Disinfected\", \"DocumentNumber\", \"GatePair\", \"Goods\", \"HealthDeclaration\", \"Kind\", \"LocalDate\", \"Nationality\", \"OccurredAt\", \"PermitId\", \"Purpose\", \"RecordedAt\", \"Sampled\", \"Symptoms\", \"TemperatureC\", \"Test\", \"TravellerName\", \"VehiclePlate\") SELECT \"Party\", \"Id\", \"BatchId\", \"Decision\", \"Direction\", \"Disinfected\", \"DocumentNumber\", \"GatePair\", \"Goods\", \"HealthDeclaration\", \"Kind\", \"LocalDate\", \"Nationality\", \"OccurredAt\", \"PermitId\", \"Purpose\", \"RecordedAt\", \"Sampled\", \"Symptoms\", \"TemperatureC\", \"Test\", \"TravellerName\", \"VehiclePlate\" FROM \"Crossings\";");
            migrationBuilder.Sql("DROP TABLE \"Crossings\";");
            migrationBuilder.Sql("ALTER TABLE \"ef_temp_Crossings\" RENAME TO \"Crossings\";");
            migrationBuilder.Sql("CREATE INDEX \"IX_Crossings_Party_GatePair_LocalDate\" ON \"Crossings\" (\"Party\", \"GatePair\", \"LocalDate\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_Crossings_Positive\" ON \"Crossings\" (\"Party\", \"OccurredAt\") WHERE \"Test\" = 2;");

            migrationBuilder.CreateTable(
                name: "ReferenceCorrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Entry = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameVi = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GateName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ReportHours = table.Column<int>(type: "INTEGER", nullable: true),
                    LawClass = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
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
                    table.PrimaryKey("PK_ReferenceCorrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedRuleAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RuleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RuleOwner = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false),
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
                    table.PrimaryKey("PK_SharedRuleAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    Parties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
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
                    table.PrimaryKey("PK_SharedRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceCorrections_Entry_Code",
                table: "ReferenceCorrections",
                columns: new[] { "Entry", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceCorrections_OwnerParty_UpdatedAt",
                table: "ReferenceCorrections",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedRuleAnswers_OwnerParty_UpdatedAt",
                table: "SharedRuleAnswers",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedRuleAnswers_RuleId",
                table: "SharedRuleAnswers",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_SharedRules_Kind_Subject",
                table: "SharedRules",
                columns: new[] { "Kind", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedRules_OwnerParty_UpdatedAt",
                table: "SharedRules",
                columns: new[] { "OwnerParty", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReferenceCorrections");

            migrationBuilder.DropTable(
                name: "SharedRuleAnswers");

            migrationBuilder.DropTable(
                name: "SharedRules");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Crossings",
                table: "Crossings");

            migrationBuilder.DropColumn(
                name: "AcknowledgementRuleId",
                table: "EventNotifications");

            migrationBuilder.AddColumn<int>(
                name: "AckHoursOverride",
                table: "Diseases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Crossings",
                table: "Crossings",
                column: "Id");
        }
    }
}
