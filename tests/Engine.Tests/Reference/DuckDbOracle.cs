using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>
/// DuckDB as the reference for the Engine: the same SQL over the same file, through the Engine's whole local pipeline
/// (format from the extension, schema inferred, partitions, partials merged) and through DuckDB's <c>read_csv</c> /
/// <c>read_json</c> / <c>read_parquet</c> (a view named <c>t</c>, or the name given). Rows are compared as canonical text
/// (numbers to 1e-9 relative); without ORDER BY, the order of rows is ignored.
/// </summary>
internal static class DuckDbOracle
{
    /// <summary>Runs <paramref name="sql"/> on both systems over <paramref name="file"/> and asserts the same rows.</summary>
    /// <param name="sql">The query; its FROM names <paramref name="view"/>.</param>
    /// <param name="file">A local file (or glob) the Engine and DuckDB both read.</param>
    /// <param name="view">The table name the query uses.</param>
    /// <param name="partitionSize">The Engine's partition size (small sizes cut files into many ranges).</param>
    public static async Task AssertSameAsync(string sql, string file, string view = "t", long? partitionSize = null)
    {
        var expected = Query(sql, view, file);
        var actual = await RunEngineAsync(sql, file, partitionSize);
        AssertSameRows(sql, expected, actual, ordered: sql.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Runs a query over several tables (joins) on both systems: DuckDB over a view per (view, file) pair; the Engine
    /// with each <c>FROM view</c> / <c>JOIN view</c> replaced by the file's quoted path (so name the files after their
    /// views, or alias the tables, for qualified names to mean the same on both sides).
    /// </summary>
    public static async Task AssertSameAsync(string sql, IReadOnlyList<(string View, string File)> tables, long? partitionSize = null, long? broadcastLimit = null)
    {
        var expected = Query(sql, tables);
        var actual = await RunEngineJoinAsync(sql, tables, partitionSize, broadcastLimit);
        AssertSameRows(sql, expected, actual, ordered: sql.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The Engine's answer for a query over several tables, named as in <see cref="AssertSameAsync(string, IReadOnlyList{ValueTuple{string, string}}, long?, long?)"/>.</summary>
    public static async Task<ResultTable> RunEngineJoinAsync(string sql, IReadOnlyList<(string View, string File)> tables, long? partitionSize = null, long? broadcastLimit = null)
    {
        var engineSql = sql;
        foreach (var (view, file) in tables)
        {
            engineSql = System.Text.RegularExpressions.Regex.Replace(
                engineSql,
                $@"\b(FROM|JOIN)\s+{System.Text.RegularExpressions.Regex.Escape(view)}\b",
                m => $"{m.Groups[1].Value} '{file.Replace("'", "''", StringComparison.Ordinal)}'",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        }

        var query = Engine.Sql.SqlParser.Parse(engineSql);
        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = LocalJobRunner.ExpandPaths(query.From),
            Processor = ProcessorSpec.Query(engineSql) with { BroadcastLimit = broadcastLimit },
            Query = query,
            PartitionSize = partitionSize,
        });
        return result.Table;
    }

    /// <summary>The Engine's answer over local files, as a user's <c>query ... FROM 'path'</c> computes it.</summary>
    public static async Task<ResultTable> RunEngineAsync(string sql, string file, long? partitionSize = null)
    {
        var files = LocalJobRunner.ExpandPaths(file);
        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = files,
            Processor = ProcessorSpec.Query(sql),
            PartitionSize = partitionSize,
        });
        return result.Table;
    }

    /// <summary>DuckDB's rows for <paramref name="sql"/>, each value as canonical text (null for NULL).</summary>
    public static List<string?[]> Query(string sql, string view, string file) => Query(sql, [(view, file)]);

    /// <summary>DuckDB's rows for <paramref name="sql"/> over a view per (view, file) pair; a "file" that starts with <c>read_</c> is a table function as is.</summary>
    public static List<string?[]> Query(string sql, IReadOnlyList<(string View, string File)> tables)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var (view, file) in tables)
        {
            using var create = connection.CreateCommand();
            // A DuckDB table function (read_csv(...) with a dialect) is used as given.
            var source = file.StartsWith("read_", StringComparison.Ordinal) ? file : Reader(file);
            create.CommandText = $"CREATE VIEW \"{view}\" AS SELECT * FROM {source}";
            create.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Canonical(reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// <see cref="AssertSameAsync"/>, and also the same column types: DuckDB's integer types as BIGINT, its floating and
    /// decimal types as DOUBLE.
    /// </summary>
    public static async Task AssertSameWithTypesAsync(string sql, string file, string view = "t", long? partitionSize = null)
    {
        var expected = Query(sql, view, file);
        var actual = await RunEngineAsync(sql, file, partitionSize);
        AssertSameRows(sql, expected, actual, ordered: sql.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase));
        var types = QueryTypes(sql, view, file);
        Assert.Equal(types, actual.Columns.Select(c => SqlTypeNames.Name(c.Type)).ToList());
    }

    /// <summary>DuckDB's result column types for <paramref name="sql"/>, spelled as the Engine's types.</summary>
    public static List<string> QueryTypes(string sql, string view, string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE VIEW \"{view}\" AS SELECT * FROM {Reader(file)}";
            create.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM ({sql}) LIMIT 0";
        using var reader = command.ExecuteReader();
        var types = new List<string>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            types.Add(reader.GetDataTypeName(i).ToUpperInvariant() switch
            {
                "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" => "BIGINT",
                "FLOAT" or "DOUBLE" or "DECIMAL" => "DOUBLE",
                var name => name,
            });
        }

        return types;
    }

    /// <summary>Asserts equal rows: same count, each value equal as text or, for numbers, to 1e-9 relative.</summary>
    public static void AssertSameRows(string sql, IReadOnlyList<string?[]> expected, ResultTable actual, bool ordered)
    {
        var got = actual.TextRows().Select(r => r.ToArray()).ToList();
        var want = expected.ToList();
        if (!ordered)
        {
            got.Sort(CompareRows);
            want.Sort(CompareRows);
        }

        Assert.True(want.Count == got.Count, $"{sql}: DuckDB gave {want.Count} rows, the Engine {got.Count}");
        for (var r = 0; r < want.Count; r++)
        {
            Assert.True(want[r].Length == got[r].Length, $"{sql}: row {r} has {got[r].Length} columns, DuckDB {want[r].Length}");
            for (var c = 0; c < want[r].Length; c++)
            {
                Assert.True(
                    SameValue(want[r][c], got[r][c]),
                    $"{sql}: row {r}, column {actual.Columns[c].Name}: DuckDB {Show(want[r][c])}, the Engine {Show(got[r][c])}");
            }
        }
    }

    private static string Reader(string file)
    {
        var path = file.Replace("'", "''", StringComparison.Ordinal);
        var name = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? file[..^3] : file;
        return Path.GetExtension(name).ToUpperInvariant() switch
        {
            ".PARQUET" => $"read_parquet('{path}')",
            ".JSONL" or ".NDJSON" => $"read_json('{path}', format = 'newline_delimited')",
            ".JSON" => $"read_json('{path}')",
            ".TSV" => $"read_csv('{path}', header = true, delim = '\t')",
            _ => $"read_csv('{path}', header = true)",
        };
    }

    private static string Canonical(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long or int or short or sbyte or byte or ulong or uint or ushort or BigInteger => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal d => ((double)d).ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero && t.Kind == DateTimeKind.Unspecified && t.Ticks % TimeSpan.TicksPerDay == 0 =>
            t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTime t => t.Ticks % TimeSpan.TicksPerSecond == 0
            ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static bool SameValue(string? want, string? got)
    {
        if (want is null || got is null)
        {
            return want is null && got is null;
        }

        if (string.Equals(want, got, StringComparison.Ordinal))
        {
            return true;
        }

        return double.TryParse(want, NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(got, NumberStyles.Float, CultureInfo.InvariantCulture, out var g)
            && Math.Abs(w - g) <= 1e-9 * Math.Max(1, Math.Abs(w));
    }

    private static int CompareRows(string?[] a, string?[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static string Show(string? value) => value is null ? "NULL" : $"'{value}'";
}
