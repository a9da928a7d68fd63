using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Minutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Minutes");

            migrationBuilder.DropTable(
                name: "MinutesSignatures");
        }
    }
}
