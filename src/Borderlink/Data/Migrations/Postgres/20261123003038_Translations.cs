using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Translations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GlossaryTerms",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameVi = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameFr = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryTerms", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "TextTranslations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    SourceHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TranslatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
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
                    table.PrimaryKey("PK_TextTranslations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TranslationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IntoLanguage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Withdrawn = table.Column<bool>(type: "boolean", nullable: false),
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
                    table.PrimaryKey("PK_TranslationRequests", x => x.Id);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GlossaryTerms");

            migrationBuilder.DropTable(
                name: "TextTranslations");

            migrationBuilder.DropTable(
                name: "TranslationRequests");
        }
    }
}
