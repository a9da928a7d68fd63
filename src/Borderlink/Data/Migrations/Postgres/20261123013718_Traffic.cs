using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Traffic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CongestionAlerts",
                columns: table => new
                {
                    TrafficId = table.Column<Guid>(type: "uuid", nullable: false),
                    Party = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AlertedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CongestionAlerts", x => new { x.TrafficId, x.Party });
                });

            migrationBuilder.CreateTable(
                name: "CongestionThresholds",
                columns: table => new
                {
                    GatePair = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Party = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TrucksWaiting = table.Column<int>(type: "integer", nullable: false),
                    ClearanceMinutes = table.Column<int>(type: "integer", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CongestionThresholds", x => new { x.GatePair, x.Party });
                });

            migrationBuilder.CreateTable(
                name: "GateTraffic",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GatePair = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Hour = table.Column<int>(type: "integer", nullable: true),
                    PeopleIn = table.Column<int>(type: "integer", nullable: false),
                    PeopleOut = table.Column<int>(type: "integer", nullable: false),
                    Vehicles = table.Column<int>(type: "integer", nullable: false),
                    TrucksWaiting = table.Column<int>(type: "integer", nullable: false),
                    ClearanceMinutes = table.Column<int>(type: "integer", nullable: true),
                    TrucksWaitingLimit = table.Column<int>(type: "integer", nullable: false),
                    ClearanceMinutesLimit = table.Column<int>(type: "integer", nullable: true),
                    Congested = table.Column<bool>(type: "boolean", nullable: false),
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
                    table.PrimaryKey("PK_GateTraffic", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GateTraffic_GatePair_Date",
                table: "GateTraffic",
                columns: new[] { "GatePair", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_GateTraffic_OwnerParty_UpdatedAt",
                table: "GateTraffic",
                columns: new[] { "OwnerParty", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CongestionAlerts");

            migrationBuilder.DropTable(
                name: "CongestionThresholds");

            migrationBuilder.DropTable(
                name: "GateTraffic");
        }
    }
}
