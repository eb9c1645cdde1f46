using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DuckDB.NET.Data;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// DuckDB as the reference: runs the same SQL over the same local files (CSV, or Parquet by the .parquet extension; a view named like the dataset) and compares
/// its rows with the JSON the client printed, numbers equal to 1e-9 relative.
/// </summary>
public static class DuckDbReference
{
    public static List<Dictionary<string, object?>> Query(string sql, string view, string csvGlob, char delimiter = ',') => Query(sql, [(view, csvGlob)], delimiter);

    /// <summary>DuckDB's rows for <paramref name="sql"/> over a view per (view, file glob) pair (joins); CSV files with <paramref name="delimiter"/>.</summary>
    public static List<Dictionary<string, object?>> Query(string sql, IReadOnlyList<(string View, string CsvGlob)> views, char delimiter = ',')
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var (view, csvGlob) in views)
        {
            using var create = connection.CreateCommand();
            create.CommandText = csvGlob.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? $"CREATE VIEW \"{view}\" AS SELECT * FROM read_json('{csvGlob}')"
                : csvGlob.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
                ? $"CREATE VIEW \"{view}\" AS SELECT * FROM read_parquet('{csvGlob}')"
                : $"CREATE VIEW \"{view}\" AS SELECT * FROM read_csv('{csvGlob}', header = true, delim = '{delimiter}', quote = '\"', escape = '\"', strict_mode = false)";
            create.ExecuteNonQuery();
        }

        return Rows(connection, sql);
    }

    private static List<Dictionary<string, object?>> Rows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> over several files, each a view named by its key, read by DuckDB's reader for its
    /// extension (read_parquet, read_json for JSON arrays and JSON Lines, read_csv with DuckDB's own sniffing).
    /// </summary>
    public static List<Dictionary<string, object?>> Query(string sql, IReadOnlyDictionary<string, string> views)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var (view, file) in views)
        {
            using var create = connection.CreateCommand();
            var path = file.Replace("'", "''", StringComparison.Ordinal);
            create.CommandText = Path.GetExtension(file).ToUpperInvariant() switch
            {
                ".PARQUET" => $"CREATE VIEW \"{view}\" AS SELECT * FROM read_parquet('{path}')",
                ".JSON" or ".JSONL" or ".NDJSON" => $"CREATE VIEW \"{view}\" AS SELECT * FROM read_json('{path}')",
                _ => $"CREATE VIEW \"{view}\" AS SELECT * FROM read_csv('{path}', header = true)",
            };
            create.ExecuteNonQuery();
        }

        return Rows(connection, sql);
    }

    /// <summary>Asserts that the client's JSON rows equal the expected rows: same order, same keys, numbers to 1e-9.</summary>
    public static void AssertSameRows(IReadOnlyList<Dictionary<string, object?>> expected, JsonElement actual)
    {
        Assert.Equal(JsonValueKind.Array, actual.ValueKind);
        var actualRows = actual.EnumerateArray().ToList();
        Assert.Equal(expected.Count, actualRows.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            var names = actualRows[r].EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(expected[r].Keys.ToList(), names);
            foreach (var (name, want) in expected[r])
            {
                var got = actualRows[r].GetProperty(name);
                var where = $"row {r}, column {name}";
                switch (want)
                {
                    case null:
                        Assert.True(got.ValueKind == JsonValueKind.Null, $"{where}: expected null, got {got}");
                        break;
                    case double number:
                        Assert.True(got.ValueKind == JsonValueKind.Number, $"{where}: expected a number, got {got}");
                        var value = got.GetDouble();
                        Assert.True(
                            Math.Abs(value - number) <= 1e-9 * Math.Max(1, Math.Abs(number)),
                            $"{where}: expected {number.ToString("R", CultureInfo.InvariantCulture)}, got {value.ToString("R", CultureInfo.InvariantCulture)}");
                        break;
                    case bool flag:
                        Assert.Equal(flag, got.GetBoolean());
                        break;
                    default:
                        Assert.Equal(want.ToString(), got.ValueKind == JsonValueKind.String ? got.GetString() : got.ToString());
                        break;
                }
            }
        }
    }

    private static object Normalize(object value) => value switch
    {
        long or int or short or sbyte or byte or ulong or uint or ushort => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        BigInteger big => (double)big,
        decimal d => (double)d,
        float f => (double)f,
        double d => d,
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value,
    };
}
