using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SituationChartIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SituationReports_PeriodKind_PeriodStart",
                table: "SituationReports");

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_Charts",
                table: "SituationReports",
                columns: new[] { "PeriodKind", "PeriodStart", "OwnerParty", "Visibility", "AudienceParties", "OwnerAgencyId", "RestrictedFunctions", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SituationReports_Charts",
                table: "SituationReports");

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_PeriodKind_PeriodStart",
                table: "SituationReports",
                columns: new[] { "PeriodKind", "PeriodStart" });
        }
    }
}
