using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NodeEncryptionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EncryptionJwk",
                table: "NodeKeys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncryptionKid",
                table: "NodeKeys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedEncryptionKey",
                table: "NodeKeys",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EncryptionJwk",
                table: "NodeKeys");

            migrationBuilder.DropColumn(
                name: "EncryptionKid",
                table: "NodeKeys");

            migrationBuilder.DropColumn(
                name: "ProtectedEncryptionKey",
                table: "NodeKeys");
        }
    }
}
