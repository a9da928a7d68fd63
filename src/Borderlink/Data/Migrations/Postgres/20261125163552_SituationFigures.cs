using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
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
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Disease = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NewCases = table.Column<int>(type: "integer", nullable: false),
                    Deaths = table.Column<int>(type: "integer", nullable: false),
                    Tests = table.Column<int>(type: "integer", nullable: false),
                    ImportedCases = table.Column<int>(type: "integer", nullable: false),
                    InQuarantine = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Deaths = table.Column<int>(type: "integer", nullable: false),
                    Disease = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ImportedCases = table.Column<int>(type: "integer", nullable: true),
                    InQuarantine = table.Column<int>(type: "integer", nullable: true),
                    IsPartyTotal = table.Column<bool>(type: "boolean", nullable: false),
                    NewCases = table.Column<int>(type: "integer", nullable: false),
                    OwnerParty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PeriodKind = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Place = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tests = table.Column<int>(type: "integer", nullable: true)
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
