using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SharedRulesCorrectionsAndPartyCrossingKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Crossings",
                table: "Crossings");

            migrationBuilder.DropColumn(
                name: "AckHoursOverride",
                table: "Diseases");

            migrationBuilder.AddColumn<Guid>(
                name: "AcknowledgementRuleId",
                table: "EventNotifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Crossings",
                table: "Crossings",
                columns: new[] { "Party", "Id" });

            migrationBuilder.CreateTable(
                name: "ReferenceCorrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Entry = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameVi = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameFr = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Aliases = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    GateName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ReportHours = table.Column<int>(type: "integer", nullable: true),
                    LawClass = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OwnerParty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Visibility = table.Column<int>(type: "integer", nullable: false),
                    AudienceParties = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceCorrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedRuleAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleId = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleOwner = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OwnerParty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Visibility = table.Column<int>(type: "integer", nullable: false),
                    AudienceParties = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedRuleAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    Parties = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OwnerParty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Visibility = table.Column<int>(type: "integer", nullable: false),
                    AudienceParties = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RestrictedFunctions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PersonalDataSharedBecause = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OriginNode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Crossings",
                table: "Crossings",
                column: "Id");
        }
    }
}
