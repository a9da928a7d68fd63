using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SituationFiguresInReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SituationFigures");

            migrationBuilder.DropIndex(
                name: "IX_SituationReports_Charts",
                table: "SituationReports");

            migrationBuilder.AddColumn<string>(
                name: "Figures",
                table: "SituationReports",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_PeriodKind_PeriodStart",
                table: "SituationReports",
                columns: new[] { "PeriodKind", "PeriodStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SituationReports_PeriodKind_PeriodStart",
                table: "SituationReports");

            migrationBuilder.DropColumn(
                name: "Figures",
                table: "SituationReports");

            migrationBuilder.CreateTable(
                name: "SituationFigures",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Disease = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Deaths = table.Column<int>(type: "integer", nullable: false),
                    ImportedCases = table.Column<int>(type: "integer", nullable: false),
                    InQuarantine = table.Column<int>(type: "integer", nullable: false),
                    NewCases = table.Column<int>(type: "integer", nullable: false),
                    Tests = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SituationFigures", x => new { x.ReportId, x.Disease });
                });

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_Charts",
                table: "SituationReports",
                columns: new[] { "PeriodKind", "PeriodStart", "OwnerParty", "Visibility", "AudienceParties", "OwnerAgencyId", "RestrictedFunctions", "Id" });
        }
    }
}
