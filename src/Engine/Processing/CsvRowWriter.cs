using System.Globalization;
using System.Text;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Processing;

/// <summary>
/// Writes rows as RFC 4180 CSV in UTF-8 (no BOM), lines ended by LF: a field is quoted when it holds a comma, a
/// quote, CR or LF (quotes doubled); NULL is an empty field and the empty string is <c>""</c> (as DuckDB writes
/// them). Numbers are formatted without allocating. The stream is left open.
/// </summary>
public sealed class CsvRowWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;
    private readonly char[] _buffer = new char[64];

    public CsvRowWriter(Stream output)
    {
        _writer = new StreamWriter(output, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true);
    }

    public void WriteHeader(IReadOnlyList<ColumnSchema> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            WriteText(columns[i].Name);
        }

        _writer.Write('\n');
    }

    public void WriteRow(ReadOnlySpan<SqlValue> row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            WriteValue(row[i]);
        }

        _writer.Write('\n');
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();

    private void WriteValue(in SqlValue value)
    {
        int written;
        switch (value.Type)
        {
            case SqlType.Null:
                return;
            case SqlType.BigInt:
                value.Int64.TryFormat(_buffer, out written, default, CultureInfo.InvariantCulture);
                _writer.Write(_buffer, 0, written);
                return;
            case SqlType.Double:
                if (value.Float64.TryFormat(_buffer, out written, "R", CultureInfo.InvariantCulture))
                {
                    _writer.Write(_buffer, 0, written);
                }
                else
                {
                    _writer.Write(value.ToInvariantString());
                }

                return;
            case SqlType.Boolean:
                _writer.Write(value.Bool ? "true" : "false");
                return;
            case SqlType.Timestamp:
            case SqlType.Date:
                _writer.Write(value.ToInvariantString());
                return;
            default:
                if (value.Text.Length == 0)
                {
                    _writer.Write("\"\"");
                    return;
                }

                WriteText(value.Text);
                return;
        }
    }

    private void WriteText(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(text);
            return;
        }

        _writer.Write('"');
        var start = 0;
        for (var q = text.IndexOf('"', StringComparison.Ordinal); q >= 0; q = text.IndexOf('"', start))
        {
            _writer.Write(text.AsSpan(start, q + 1 - start));
            _writer.Write('"');
            start = q + 1;
        }

        _writer.Write(text.AsSpan(start));
        _writer.Write('"');
    }
}
