using DuckDB.NET.Data;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Parquet;

/// <summary>Parquet test files written by DuckDB, the reference the Engine's answers are compared with.</summary>
internal static class ParquetFiles
{
    /// <summary>
    /// 10,000 rows ordered by <c>id</c>, in row groups of 1,000: integers (signed and unsigned), doubles, floats, decimals (INT64 and fixed-length), non-ASCII strings with
    /// commas, booleans, timestamps (micro- and milliseconds) and dates, NULLs in every nullable column.
    /// </summary>
    public const string Sample = """
        SELECT i AS id,
               CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 13 - 3 AS INTEGER) END AS qty,
               CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i * 0.25 AS DOUBLE) END AS amount,
               CASE WHEN i % 5 = 0 THEN NULL ELSE ['Zürich', 'São Paulo', '東京', 'Oslo, Norway', 'plain'][i % 5 + 1] END AS city,
               i % 2 = 0 AS even,
               TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE AS ts,
               CAST(i / 3.0 AS DECIMAL(10, 2)) AS price,
               CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2024-01-01' + CAST(i % 400 AS INTEGER) END AS day,
               CASE WHEN i >= 5000 THEN NULL ELSE i END AS half,
               CAST(i * 1000.5 AS DECIMAL(30, 2)) AS wide,
               CAST(i AS FLOAT) / 8 AS small,
               CAST(i % 200 AS UTINYINT) AS tiny,
               CAST(TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS TIMESTAMP_MS) AS ms
        FROM range(0, 10000) r(i)
        """;

    /// <summary>Writes the rows of <paramref name="select"/> to a Parquet file in row groups of <paramref name="rowGroupSize"/> rows.</summary>
    public static string Write(TempFolder folder, string name, string select, int rowGroupSize = 1000)
    {
        var path = folder.File(name);
        Execute($"COPY ({select}) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet, ROW_GROUP_SIZE {rowGroupSize})");
        return path;
    }

    /// <summary>The number of row groups of a Parquet file, as DuckDB reads its footer.</summary>
    public static long RowGroups(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(DISTINCT row_group_id) FROM parquet_metadata('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The SQL processor of <paramref name="sql"/> over the schema read from the file's footer, and that schema.</summary>
    public static (IPartitionProcessor Processor, TableSchema Schema) SqlProcessor(string sql, string file)
    {
        using var stream = File.OpenRead(file);
        var schema = ParquetSchemaReader.Read(stream, file);
        return (Engine.Sql.SqlProcessor.Create(sql, schema), schema);
    }

    /// <summary>Scans the whole file into <paramref name="sink"/>, row groups pruned by the processor's WHERE.</summary>
    public static ParquetSliceResult Scan(string file, IPartitionProcessor processor, IRowSink sink)
    {
        using var stream = File.OpenRead(file);
        return ParquetSliceScanner.Scan(stream, new InputSlice(file, 0, long.MaxValue, Gzip: false), processor, RowGroupPruner.For(processor), sink, CancellationToken.None);
    }

    /// <summary>Runs a DuckDB statement (a <c>COPY ... TO</c> that writes a test file).</summary>
    public static void Execute(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
