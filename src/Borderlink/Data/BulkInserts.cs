using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Borderlink.Data;

/// <summary>
/// Writes the added rows of a large save in bulk — the engine decides how (multi-row INSERTs on SQLite, binary COPY on
/// PostgreSQL) — instead of one statement per entity. Only the types the context lists qualify, and only when a save
/// adds at least <see cref="Threshold"/> of one type (an import of a thousand reports, their audit lines and outbox
/// messages); everything else goes through EF Core as usual. Values go through each column's own type mapping and
/// converter, so a row written here is the row EF Core would have written. Runs inside the save's transaction.
/// </summary>
internal static class BulkInserts
{
    public const int Threshold = 32;

    /// <summary>
    /// Inserts the added entities of <paramref name="types"/> that come in groups of at least <see cref="Threshold"/>,
    /// and marks them unchanged; returns them, so that a failed save can put them back to added.
    /// </summary>
    public static async Task<List<EntityEntry>> WriteAsync(DbContext db, IReadOnlySet<Type> types,
        Func<Table, IReadOnlyList<EntityEntry>, CancellationToken, Task> insert, CancellationToken ct)
    {
        var written = new List<EntityEntry>();
        var groups = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && types.Contains(e.Metadata.ClrType))
            .GroupBy(e => e.Metadata)
            .Where(g => g.Count() >= Threshold);
        foreach (var group in groups)
        {
            var entries = group.ToList();
            var table = Table.Of(group.Key);
            // A key the store has yet to generate cannot be written here, unless the table lets the store number the rows
            // (their numbers are then not read back: such rows are let go once written).
            if (!table.KeyFromStore && entries.Any(e => e.Properties.Any(p => p.IsTemporary))) continue;
            try
            {
                await insert(table, entries, ct);
            }
            catch (DbException e)
            {
                // What EF Core throws when a save breaks a constraint, so callers handle both ways of writing alike.
                throw new DbUpdateException($"The bulk insert into {group.Key.GetTableName()} failed: {e.Message}", e);
            }
            written.AddRange(entries);
        }
        foreach (var entry in written)
        {
            entry.State = Table.Of(entry.Metadata).KeyFromStore ? EntityState.Detached : EntityState.Unchanged;
        }
        return written;
    }

    /// <summary>
    /// Multi-row INSERT statements (SQLite's way) of <paramref name="rowsPerStatement"/> rows, with EF Core's parameters; each row's
    /// values come from <paramref name="value"/> (a tracked entry's current values, or an untracked entity's properties).
    /// </summary>
    public static async Task InsertAsync<T>(DbContext db, Table table, IReadOnlyList<T> rows, Func<T, IProperty, object?> value, int rowsPerStatement,
        CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the save's transaction.");
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                var command = count == rowsPerStatement ? full ??= Create(count) : Create(count);
                command.Parameters.Clear();
                for (var row = 0; row < count; row++)
                {
                    var item = rows[start + row];
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        var column = table.Columns[c];
                        command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName(Name(row, c)), value(item, column.Property),
                            column.Property.IsNullable));
                    }
                }
                // Microsoft.Data.Sqlite runs statements synchronously anyway; the async form would only add a task per statement.
                command.ExecuteNonQuery();
                if (command != full) await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }

        DbCommand Create(int rows)
        {
            var text = new StringBuilder("INSERT INTO ").Append(table.Delimited(sql)).Append(" VALUES ");
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    if (c > 0) text.Append(", ");
                    sql.GenerateParameterNamePlaceholder(text, Name(row, c));
                }
                text.Append(')');
            }
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text.ToString();
            return command;
        }

        string Name(int row, int column) => "p" + (row * table.Columns.Count + column);
    }

    /// <summary>A column: its property, its name, and the type mapping that turns a value into what the column stores.</summary>
    public sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        /// <summary>A property's value as the column stores it (through the property's converter, if any).</summary>
        public object? Stored(object? value) => value is null || Mapping.Converter is null ? value : Mapping.Converter.ConvertToProvider(value);
    }

    /// <summary>Where and how an entity type's rows are written; checked once per type that the plain INSERT is all it takes.</summary>
    /// <param name="KeyFromStore">The key is a number the database gives each row (an identity column): it is not written.</param>
    public sealed record Table(string Name, string? Schema, IReadOnlyList<Column> Columns, bool KeyFromStore = false)
    {
        /// <summary>The table and its column list, quoted for SQL: <c>"T" ("A", "B")</c>.</summary>
        public string Delimited(ISqlGenerationHelper sql) =>
            sql.DelimitIdentifier(Name, Schema) + " (" + string.Join(", ", Columns.Select(c => sql.DelimitIdentifier(c.Name))) + ")";

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, Table> Known = new();

        /// <summary>A tracked entry's current value.</summary>
        public static object? CurrentOf(EntityEntry entry, IProperty property) => entry.CurrentValues[property];

        public static Table Of(IEntityType type) => Known.GetOrAdd(type, static type =>
        {
            if (type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.GetNavigations().Any() || type.GetSkipNavigations().Any()
                || type.GetComplexProperties().Any() || type.GetForeignKeys().Any() || type.GetTableName() is not { } name)
            {
                throw new InvalidOperationException($"{type.DisplayName()} is not a plain table of its own: it cannot be written in bulk.");
            }
            var store = StoreObjectIdentifier.Table(name, type.GetSchema());
            var key = type.FindPrimaryKey()!.Properties;
            var keyFromStore = key is [{ ValueGenerated: ValueGenerated.OnAdd } only] && only.ClrType == typeof(long) && only.GetValueGeneratorFactory() is null;
            var columns = type.GetProperties().Where(p => !(keyFromStore && p.IsKey())).Select(p =>
            {
                if (p.GetDefaultValueSql() is not null || p.GetComputedColumnSql() is not null
                    || (p.ValueGenerated != ValueGenerated.Never && p.GetValueGeneratorFactory() is null && !p.IsKey()))
                {
                    throw new InvalidOperationException($"{type.DisplayName()}.{p.Name} is filled in by the database: the type cannot be written in bulk.");
                }
                return new Column(p, p.GetColumnName(store)!, (RelationalTypeMapping)p.GetTypeMapping());
            }).ToList();
            return new Table(name, type.GetSchema(), columns, keyFromStore);
        });
    }
}
