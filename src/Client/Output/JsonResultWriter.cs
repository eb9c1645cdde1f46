using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Output;

/// <summary>
/// One JSON array of objects, one object per row on its own line, keys the column names in order (DuckDB's shape):
/// BIGINT and DOUBLE cells as JSON numbers (NaN and infinities as null), BOOLEAN as true/false, NULL as null,
/// anything else as a string.
/// </summary>
internal sealed class JsonResultWriter : IResultWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true, // duplicate column names are written as they are
    };

    public void Write(TextWriter output, IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var kinds = columns.Select(c => CellKinds.Of(c.Type)).ToArray();
        var buffer = new MemoryStream();
        output.Write('[');
        for (var r = 0; r < rows.Count; r++)
        {
            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                var row = rows[r];
                for (var c = 0; c < columns.Count; c++)
                {
                    writer.WritePropertyName(columns[c].Name);
                    WriteCell(writer, kinds[c], c < row.Count ? row[c] : null);
                }

                writer.WriteEndObject();
            }

            output.Write(r == 0 ? string.Empty : ",\n");
            output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        output.WriteLine(']');
    }

    private static void WriteCell(Utf8JsonWriter writer, CellKind kind, string? cell)
    {
        if (cell is null)
        {
            writer.WriteNullValue();
            return;
        }

        switch (kind)
        {
            case CellKind.Integer when long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                writer.WriteNumberValue(integer);
                break;
            case CellKind.Integer when decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var big):
                writer.WriteNumberValue(big);
                break;
            case CellKind.Integer or CellKind.Real when double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var real):
                if (double.IsFinite(real))
                {
                    writer.WriteNumberValue(real);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case CellKind.Real when IsNonFinite(cell):
                writer.WriteNullValue();
                break;
            case CellKind.Boolean when bool.TryParse(cell, out var flag):
                writer.WriteBooleanValue(flag);
                break;
            default:
                writer.WriteStringValue(cell);
                break;
        }
    }

    private static bool IsNonFinite(string cell) =>
        cell.Trim().TrimStart('+', '-') is var bare &&
        (bare.Equals("NaN", StringComparison.OrdinalIgnoreCase) ||
         bare.Equals("Infinity", StringComparison.OrdinalIgnoreCase) ||
         bare.Equals("inf", StringComparison.OrdinalIgnoreCase) ||
         bare == "∞");
}
