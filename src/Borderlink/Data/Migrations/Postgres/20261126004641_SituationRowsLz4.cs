using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Borderlink.Data.Migrations.Postgres
{
    /// <summary>
    /// A report's rows (a few kilobytes of JSON each) are compressed out of line by PostgreSQL. lz4 compresses them about
    /// as small as the default pglz at under half the time, which is most of what a large import spends in the database
    /// beyond the bare rows (1,112 values: 22 ms against 55 ms). lz4 needs PostgreSQL 14 or later built with it; a server
    /// without it keeps the default, and nothing else changes. Only values written from now on are compressed this way.
    /// </summary>
    public partial class SituationRowsLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Compression("lz4"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Compression("default"));

        // A server without lz4 answers feature_not_supported; one before version 14 does not know the clause (syntax_error).
        private static string Compression(string method) => $"""
            DO $$
            BEGIN
                EXECUTE 'ALTER TABLE "SituationReports" ALTER COLUMN "Rows" SET COMPRESSION {method}';
            EXCEPTION WHEN feature_not_supported OR syntax_error THEN
                RAISE NOTICE 'SituationReports.Rows keeps the default compression: %', SQLERRM;
            END
            $$;
            """;
    }
}
