using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Permits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PermitApprovals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PermitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PermitVersion = table.Column<long>(type: "bigint", nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
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
                    table.PrimaryKey("PK_PermitApprovals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpecialItemPermits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GatePair = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Applicant = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Consignee = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    Item = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Quantity = table.Column<double>(type: "double precision", nullable: false),
                    Unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Packaging = table.Column<int>(type: "integer", nullable: false),
                    TowardsChina = table.Column<bool>(type: "boolean", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
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
                    table.PrimaryKey("PK_SpecialItemPermits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PermitApprovals_OwnerParty_UpdatedAt",
                table: "PermitApprovals",
                columns: new[] { "OwnerParty", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PermitApprovals_PermitId",
                table: "PermitApprovals",
                column: "PermitId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialItemPermits_GatePair_ValidTo",
                table: "SpecialItemPermits",
                columns: new[] { "GatePair", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_SpecialItemPermits_OwnerParty_UpdatedAt",
                table: "SpecialItemPermits",
                columns: new[] { "OwnerParty", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PermitApprovals");

            migrationBuilder.DropTable(
                name: "SpecialItemPermits");
        }
    }
}
