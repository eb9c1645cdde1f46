using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;
using ParquetSharp;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Writes rows as one Parquet file (Snappy), its columns typed from the output columns: BIGINT as INT64, DOUBLE as
/// DOUBLE, VARCHAR as UTF-8 strings, BOOLEAN, TIMESTAMP as a timestamp in microseconds (not adjusted to UTC), DATE as
/// a date; every column is optional (NULLs). Rows are buffered into row groups of <see cref="DefaultRowGroupRows"/>,
/// so memory stays bounded. The file is started by <see cref="WriteHeader"/> and ended (footer) by
/// <see cref="Finish"/>; the stream is left open.
/// </summary>
public sealed class ParquetRowWriter : IOutputRowWriter
{
    /// <summary>The rows of a full row group.</summary>
    public const int DefaultRowGroupRows = 100_000;

    private readonly Stream _output;
    private readonly int _rowGroupRows;
    private ParquetFileWriter? _file;
    private SqlType[] _types = [];
    private SqlValue[][] _buffer = [];
    private int _buffered;

    /// <summary>A writer to <paramref name="output"/> with row groups of <paramref name="rowGroupRows"/> rows.</summary>
    public ParquetRowWriter(Stream output, int rowGroupRows = DefaultRowGroupRows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        _output = new PositionTrackingStream(output);
        _rowGroupRows = rowGroupRows;
    }

    /// <inheritdoc/>
    public void WriteHeader(IReadOnlyList<ColumnSchema> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (_file is not null)
        {
            throw new InvalidOperationException("the Parquet file has been started already");
        }

        _types = columns.Select(c => c.Type).ToArray();
        _buffer = columns.Select(_ => new SqlValue[_rowGroupRows]).ToArray();
        var schema = columns.Select(ColumnOf).ToArray();
        _file = new ParquetFileWriter(_output, schema, LogicalTypeFactory.Default, Compression.Snappy, keyValueMetadata: null, leaveOpen: true);
    }

    /// <inheritdoc/>
    public void WriteRow(ReadOnlySpan<SqlValue> row)
    {
        if (_file is null)
        {
            throw new InvalidOperationException("write the header before the rows");
        }

        for (var i = 0; i < _buffer.Length; i++)
        {
            _buffer[i][_buffered] = row[i];
        }

        if (++_buffered == _rowGroupRows)
        {
            WriteRowGroup();
        }
    }

    /// <inheritdoc/>
    public void Finish()
    {
        if (_file is null)
        {
            return;
        }

        if (_buffered > 0)
        {
            WriteRowGroup();
        }

        _file.Close();
        _file.Dispose();
        _file = null;
        _output.Flush();
    }

    /// <summary>Releases the native writer; a file not finished is left incomplete.</summary>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    private static Column ColumnOf(ColumnSchema column) => column.Type switch
    {
        SqlType.BigInt => new Column<long?>(column.Name),
        SqlType.Double => new Column<double?>(column.Name),
        SqlType.Boolean => new Column<bool?>(column.Name),
        SqlType.Timestamp => new Column<DateTime?>(column.Name, LogicalType.Timestamp(isAdjustedToUtc: false, TimeUnit.Micros)),
        SqlType.Date => new Column<Date?>(column.Name),
        _ => new Column<string>(column.Name),
    };

    private void WriteRowGroup()
    {
        using var rowGroup = _file!.AppendRowGroup();
        for (var c = 0; c < _buffer.Length; c++)
        {
            var values = _buffer[c].AsSpan(0, _buffered);
            using var column = rowGroup.NextColumn();
            switch (_types[c])
            {
                case SqlType.BigInt:
                    Write(column, values, v => v.Type == SqlType.Null ? null : (long?)v.Int64);
                    break;
                case SqlType.Double:
                    Write(column, values, v => v.Type == SqlType.Null ? null : (double?)v.Float64);
                    break;
                case SqlType.Boolean:
                    Write(column, values, v => v.Type == SqlType.Null ? null : (bool?)v.Bool);
                    break;
                case SqlType.Timestamp:
                    Write(column, values, v => v.Type == SqlType.Null ? null : (DateTime?)DateTime.UnixEpoch.AddTicks(v.Int64 * TimeSpan.TicksPerMicrosecond));
                    break;
                case SqlType.Date:
                    Write(column, values, v => v.Type == SqlType.Null ? null : (Date?)new Date(checked((int)v.Int64)));
                    break;
                default:
                    Write(column, values, v => v.Type == SqlType.Null ? null : v.ToInvariantString());
                    break;
            }
        }

        Array.ForEach(_buffer, b => Array.Clear(b, 0, _buffered));
        _buffered = 0;
    }

    private static void Write<T>(ColumnWriter column, ReadOnlySpan<SqlValue> values, Func<SqlValue, T> convert)
    {
        var batch = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            batch[i] = convert(values[i]);
        }

        using var writer = column.LogicalWriter<T>();
        writer.WriteBatch(batch);
    }
}
