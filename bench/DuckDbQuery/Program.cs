using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

// dotnet OrleansProc.DuckDbQuery.dll "SQL": the rows of one DuckDB query as CSV on stdout (a header, then one line per
// row; NULL an empty field, an empty string "", numbers round-trippable, timestamps yyyy-MM-dd HH:mm:ss[.ffffff]).
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: OrleansProc.DuckDbQuery \"SQL\"");
    return 2;
}

// A first query on a database of its own loads DuckDB's library and JITs this code; the second, timed from opening a
// fresh database to its last row read, is DuckDB's own time for the query (what a duckdb CLI user waits for, less the
// CLI's start), printed on stderr for the bench's "vs DuckDB's query" column.
using (var warm = new DuckDBConnection("DataSource=:memory:"))
{
    warm.Open();
    using var first = warm.CreateCommand();
    first.CommandText = "SELECT 1";
    using var rows = first.ExecuteReader();
    while (rows.Read())
    {
        _ = rows.GetValue(0);
    }
}

var clock = Stopwatch.StartNew();
using var connection = new DuckDBConnection("DataSource=:memory:");
connection.Open();
using var command = connection.CreateCommand();
command.CommandText = args[0];
using var reader = command.ExecuteReader();
var output = new StringBuilder();
output.AppendJoin(',', Enumerable.Range(0, reader.FieldCount).Select(i => Field(reader.GetName(i)))).Append('\n');
var row = new string?[reader.FieldCount];
while (reader.Read())
{
    for (var i = 0; i < row.Length; i++)
    {
        row[i] = reader.IsDBNull(i) ? null : Text(reader.GetValue(i));
    }

    output.AppendJoin(',', row.Select(Field)).Append('\n');
}

var seconds = clock.Elapsed.TotalSeconds;
var stdout = Console.OpenStandardOutput();
stdout.Write(new UTF8Encoding(false).GetBytes(output.ToString()));
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb query seconds: {seconds:R}"));
return 0;

static string? Text(object value) => value switch
{
    string s => s,
    double d => d.ToString("R", CultureInfo.InvariantCulture),
    float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
    DateTime t => t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    bool b => b ? "true" : "false",
    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
    var o => o.ToString(),
};

static string Field(string? text) => text switch
{
    null => string.Empty,
    "" => "\"\"",
    _ when text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || text[0] == ' ' || text[^1] == ' ' => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
    _ => text,
};
