using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Sqlite
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
                    TrafficId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AlertedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CongestionAlerts", x => new { x.TrafficId, x.Party });
                });

            migrationBuilder.CreateTable(
                name: "CongestionThresholds",
                columns: table => new
                {
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TrucksWaiting = table.Column<int>(type: "INTEGER", nullable: false),
                    ClearanceMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CongestionThresholds", x => new { x.GatePair, x.Party });
                });

            migrationBuilder.CreateTable(
                name: "GateTraffic",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatePair = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Hour = table.Column<int>(type: "INTEGER", nullable: true),
                    PeopleIn = table.Column<int>(type: "INTEGER", nullable: false),
                    PeopleOut = table.Column<int>(type: "INTEGER", nullable: false),
                    Vehicles = table.Column<int>(type: "INTEGER", nullable: false),
                    TrucksWaiting = table.Column<int>(type: "INTEGER", nullable: false),
                    ClearanceMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    TrucksWaitingLimit = table.Column<int>(type: "INTEGER", nullable: false),
                    ClearanceMinutesLimit = table.Column<int>(type: "INTEGER", nullable: true),
                    Congested = table.Column<bool>(type: "INTEGER", nullable: false),
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
