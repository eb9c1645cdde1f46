using OrleansProc.Engine.Values;
using ParquetSharp;

namespace OrleansProc.Engine.Parquet;

/// <summary>A <see cref="ParquetColumnCursor"/> over a column of physical type <typeparamref name="T"/>, converted value by value.</summary>
internal sealed class ParquetColumnCursorOf<T> : ParquetColumnCursor
    where T : unmanaged
{
    private readonly ColumnReader<T> _reader;
    private readonly short _maxDefinition;
    private readonly Func<T, SqlValue> _convert;
    private readonly short[] _levels;
    private readonly T[] _values;

    public ParquetColumnCursorOf(ColumnReader<T> reader, Func<T, SqlValue> convert, int chunkRows)
    {
        _reader = reader;
        _convert = convert;
        _maxDefinition = reader.ColumnDescriptor.MaxDefinitionLevel;
        _levels = new short[chunkRows];
        _values = new T[chunkRows];
    }

    public override void Read(SqlValue[] target, int count)
    {
        var filled = 0;
        while (filled < count)
        {
            var want = count - filled;
            var levels = _maxDefinition == 0
                ? _reader.ReadBatch(want, _values.AsSpan(0, want), out _)
                : _reader.ReadBatch(want, _levels.AsSpan(0, want), Span<short>.Empty, _values.AsSpan(0, want), out _);
            if (levels <= 0)
            {
                throw new InvalidDataException($"A column chunk ended after fewer values than its row group's rows.");
            }

            var v = 0;
            for (var i = 0; i < levels; i++)
            {
                target[filled + i] = _maxDefinition == 0 || _levels[i] == _maxDefinition ? _convert(_values[v++]) : SqlValue.Null;
            }

            filled += (int)levels;
        }
    }

    public override void Dispose() => _reader.Dispose();
}
