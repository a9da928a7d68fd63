using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    CounterpartParty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CounterpartAgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    FollowUp = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    FollowUpDone = table.Column<bool>(type: "boolean", nullable: false),
                    Language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
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
