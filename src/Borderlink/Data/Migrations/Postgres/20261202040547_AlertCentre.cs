using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertCentre : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.CreateTable(
                name: "AlertReads",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    AlertId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertReads", x => new { x.UserId, x.AlertId });
                });

            migrationBuilder.CreateTable(
                name: "Alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    ForParty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ForFunctions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ForRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Addressee = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertReads_AlertId",
                table: "AlertReads",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_ForParty_CreatedAt",
                table: "Alerts",
                columns: new[] { "ForParty", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_UserId_CreatedAt",
                table: "Alerts",
                columns: new[] { "UserId", "CreatedAt" });

            // The alerts and reads kept so far: each alert stays one user's, its read mark becomes that user's AlertRead.
            migrationBuilder.Sql("""
                INSERT INTO "Alerts" ("Id", "UserId", "ForFunctions", "Kind", "RecordId", "Title", "Addressee", "DueAt", "CreatedAt")
                SELECT "Id", "UserId", '', "Kind", "NotificationId", "Title", "Addressee", "DueAt", "CreatedAt" FROM "UserAlerts";
                INSERT INTO "AlertReads" ("UserId", "AlertId", "ReadAt") SELECT "UserId", "Id", "ReadAt" FROM "UserAlerts" WHERE "ReadAt" IS NOT NULL;
                """);
            migrationBuilder.DropTable(
                name: "UserAlerts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertReads");

            migrationBuilder.DropTable(
                name: "Alerts");

            migrationBuilder.CreateTable(
                name: "UserAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Addressee = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NotificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserAlerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UserAlerts_UserId_ReadAt",
                table: "UserAlerts",
                columns: new[] { "UserId", "ReadAt" });
        }
    }
}
