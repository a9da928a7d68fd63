using Microsoft.EntityFrameworkCore.Migrations;

namespace Borderlink.Data.Migrations.Postgres;

/// <summary>
/// What the model cannot say, applied by the Initial migration. A later migration that needs more SQL writes it in its
/// own Up, as usual.
/// <list type="bullet">
/// <item>The audit log is append-only in the database itself (DESIGN.md "Audit"): a line cannot be changed or removed,
/// nor the table emptied, by the application or by anyone else using the database through SQL, without first dropping
/// or disabling these triggers (which needs the table's owner). The hash chain still shows any change made by someone
/// who does (<c>audit verify</c>).</item>
/// <item>A situation report's rows (a few kilobytes of JSON each) are compressed out of line with lz4: about as small as
/// the default pglz at under half the time, most of what a large import spends in the database beyond the bare rows
/// (1,112 values: 22 ms against 55 ms). lz4 needs PostgreSQL 14 or later built with it; a server without it keeps the
/// default, and nothing else changes.</item>
/// </list>
/// </summary>
internal static class HandWrittenSql
{
    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION borderlink_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only: % is refused on %', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION borderlink_audit_append_only();
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "AuditEntries_no_truncate" BEFORE TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION borderlink_audit_append_only();
            """);
        migrationBuilder.Sql(RowsCompression("lz4"));
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(RowsCompression("default"));
        migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_no_truncate" ON "AuditEntries";""");
        migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_append_only" ON "AuditEntries";""");
        migrationBuilder.Sql("DROP FUNCTION borderlink_audit_append_only();");
    }

    // A server without lz4 answers feature_not_supported; one before version 14 does not know the clause (syntax_error).
    private static string RowsCompression(string method) => $"""
        DO $$
        BEGIN
            EXECUTE 'ALTER TABLE "SituationReports" ALTER COLUMN "Rows" SET COMPRESSION {method}';
        EXCEPTION WHEN feature_not_supported OR syntax_error THEN
            RAISE NOTICE 'SituationReports.Rows keeps the default compression: %', SQLERRM;
        END
        $$;
        """;
}
