using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlacesKeptAsWritten : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlaceAsWritten",
                table: "QuarantineFacilities",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlaceAsWritten",
                table: "Meetings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlaceAsWritten",
                table: "QuarantineFacilities");

            migrationBuilder.DropColumn(
                name: "PlaceAsWritten",
                table: "Meetings");
        }
    }
}
