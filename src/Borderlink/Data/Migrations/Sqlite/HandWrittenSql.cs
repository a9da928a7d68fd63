using Microsoft.EntityFrameworkCore.Migrations;

namespace Borderlink.Data.Migrations.Sqlite;

/// <summary>
/// What the model cannot say, applied by the Initial migration. The audit log is append-only in the database itself
/// (DESIGN.md "Audit"): a line cannot be changed or removed, by the application or by anyone else using the database
/// through SQL, without first dropping these triggers. The hash chain still shows any change made by someone who does
/// (<c>audit verify</c>). A later migration that needs more SQL writes it in its own Up, as usual.
/// </summary>
internal static class HandWrittenSql
{
    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its lines cannot be changed'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its lines cannot be removed'); END;
            """);
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_no_update";""");
        migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_no_delete";""");
    }
}
