using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommunicationLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommunicationEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    CounterpartParty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CounterpartAgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    FollowUp = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    FollowUpDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
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
                    table.PrimaryKey("PK_CommunicationEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommunicationEntries_OwnerParty_OccurredAt",
                table: "CommunicationEntries",
                columns: new[] { "OwnerParty", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunicationEntries_OwnerParty_UpdatedAt",
                table: "CommunicationEntries",
                columns: new[] { "OwnerParty", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommunicationEntries");
        }
    }
}
