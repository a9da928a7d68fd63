using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Sqlite
{
    /// <summary>
    /// Audit lines are written with their change and chained after the commit (<c>AuditSequencer</c>): each line gets a
    /// number of its own (<c>Id</c>, the order lines were written in; existing lines keep their chain position as it), its
    /// <c>Seq</c> becomes null until chained, and the append-only trigger lets through one update only, the one that
    /// chains a line (sets <c>Seq</c>, <c>PrevHash</c>, <c>Hash</c> of a line that had none, nothing else). Written by
    /// hand: SQLite changes a primary key by rebuilding the table, which drops the triggers.
    /// </summary>
    public partial class AuditChainedAfterCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_no_update";""");
            migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_no_delete";""");
            migrationBuilder.Sql("""
                CREATE TABLE "AuditEntries_new" ("Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT, "Seq" INTEGER NULL,
                "At" INTEGER NOT NULL, "Actor" TEXT NOT NULL, "UserId" TEXT NULL, "Party" TEXT NULL, "AgencyId" TEXT NULL,
                "Action" TEXT NOT NULL, "RecordType" TEXT NULL, "RecordId" TEXT NULL, "Outcome" TEXT NOT NULL, "Detail" TEXT NULL,
                "PrevHash" TEXT NOT NULL, "Hash" TEXT NOT NULL, "Client" TEXT NULL);
                """);
            migrationBuilder.Sql("""
                INSERT INTO "AuditEntries_new" ("Id", "Seq", "At", "Actor", "UserId", "Party", "AgencyId", "Action", "RecordType", "RecordId", "Outcome", "Detail", "PrevHash", "Hash", "Client")
                SELECT "Seq", "Seq", "At", "Actor", "UserId", "Party", "AgencyId", "Action", "RecordType", "RecordId", "Outcome", "Detail", "PrevHash", "Hash", "Client" FROM "AuditEntries" ORDER BY "Seq";
                """);
            migrationBuilder.Sql("""DROP TABLE "AuditEntries";""");
            migrationBuilder.Sql("""ALTER TABLE "AuditEntries_new" RENAME TO "AuditEntries";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_AuditEntries_Party_At" ON "AuditEntries" ("Party", "At");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_AuditEntries_RecordId" ON "AuditEntries" ("RecordId");""");
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_AuditEntries_Seq" ON "AuditEntries" ("Seq");""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
                WHEN OLD."Seq" IS NOT NULL OR NEW."Seq" IS NULL OR NEW."Id" IS NOT OLD."Id" OR NEW."At" IS NOT OLD."At" OR NEW."Actor" IS NOT OLD."Actor" OR NEW."UserId" IS NOT OLD."UserId" OR NEW."Party" IS NOT OLD."Party" OR NEW."AgencyId" IS NOT OLD."AgencyId" OR NEW."Action" IS NOT OLD."Action" OR NEW."RecordType" IS NOT OLD."RecordType" OR NEW."RecordId" IS NOT OLD."RecordId" OR NEW."Outcome" IS NOT OLD."Outcome" OR NEW."Detail" IS NOT OLD."Detail" OR NEW."Client" IS NOT OLD."Client"
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its lines cannot be changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its lines cannot be removed'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to lines keyed by their chain position: lines not chained yet cannot be kept.
            migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_no_update";""");
            migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_no_delete";""");
            migrationBuilder.Sql("""
                CREATE TABLE "AuditEntries_old" ("Seq" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
                "At" INTEGER NOT NULL, "Actor" TEXT NOT NULL, "UserId" TEXT NULL, "Party" TEXT NULL, "AgencyId" TEXT NULL,
                "Action" TEXT NOT NULL, "RecordType" TEXT NULL, "RecordId" TEXT NULL, "Outcome" TEXT NOT NULL, "Detail" TEXT NULL,
                "PrevHash" TEXT NOT NULL, "Hash" TEXT NOT NULL, "Client" TEXT NULL);
                """);
            migrationBuilder.Sql("""
                INSERT INTO "AuditEntries_old" ("Seq", "At", "Actor", "UserId", "Party", "AgencyId", "Action", "RecordType", "RecordId", "Outcome", "Detail", "PrevHash", "Hash", "Client")
                SELECT "Seq", "At", "Actor", "UserId", "Party", "AgencyId", "Action", "RecordType", "RecordId", "Outcome", "Detail", "PrevHash", "Hash", "Client" FROM "AuditEntries" WHERE "Seq" IS NOT NULL;
                """);
            migrationBuilder.Sql("""DROP TABLE "AuditEntries";""");
            migrationBuilder.Sql("""ALTER TABLE "AuditEntries_old" RENAME TO "AuditEntries";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_AuditEntries_Party_At" ON "AuditEntries" ("Party", "At");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_AuditEntries_RecordId" ON "AuditEntries" ("RecordId");""");
            HandWrittenSql.Up(migrationBuilder);
        }
    }
}
