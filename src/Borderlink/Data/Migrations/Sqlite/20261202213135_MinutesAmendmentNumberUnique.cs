using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MinutesAmendmentNumberUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Minutes_AmendsId",
                table: "Minutes");

            migrationBuilder.CreateIndex(
                name: "IX_Minutes_AmendsId_AmendmentNumber",
                table: "Minutes",
                columns: new[] { "AmendsId", "AmendmentNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Minutes_AmendsId_AmendmentNumber",
                table: "Minutes");

            migrationBuilder.CreateIndex(
                name: "IX_Minutes_AmendsId",
                table: "Minutes",
                column: "AmendsId");
        }
    }
}
