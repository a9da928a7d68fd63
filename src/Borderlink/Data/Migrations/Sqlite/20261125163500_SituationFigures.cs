using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SituationFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SituationFacts");

            migrationBuilder.CreateTable(
                name: "SituationFigures",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Disease = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NewCases = table.Column<int>(type: "INTEGER", nullable: false),
                    Deaths = table.Column<int>(type: "INTEGER", nullable: false),
                    Tests = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedCases = table.Column<int>(type: "INTEGER", nullable: false),
                    InQuarantine = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SituationFigures", x => new { x.ReportId, x.Disease });
                });

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_PeriodKind_PeriodStart",
                table: "SituationReports",
                columns: new[] { "PeriodKind", "PeriodStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SituationFigures");

            migrationBuilder.DropIndex(
                name: "IX_SituationReports_PeriodKind_PeriodStart",
                table: "SituationReports");

            migrationBuilder.CreateTable(
                name: "SituationFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Deaths = table.Column<int>(type: "INTEGER", nullable: false),
                    Disease = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ImportedCases = table.Column<int>(type: "INTEGER", nullable: true),
                    InQuarantine = table.Column<int>(type: "INTEGER", nullable: true),
                    IsPartyTotal = table.Column<bool>(type: "INTEGER", nullable: false),
                    NewCases = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PeriodKind = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tests = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SituationFacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SituationFacts_Disease_PeriodKind_PeriodStart",
                table: "SituationFacts",
                columns: new[] { "Disease", "PeriodKind", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_SituationFacts_ReportId",
                table: "SituationFacts",
                column: "ReportId");
        }
    }
}
