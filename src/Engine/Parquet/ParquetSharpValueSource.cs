using ParquetSharp;

namespace OrleansProc.Engine.Parquet;

/// <summary>The physical values of a column chunk as ParquetSharp's <see cref="ColumnReader{TValue}"/> decodes them.</summary>
internal sealed class ParquetSharpValueSource<T>(ColumnReader<T> reader) : IParquetValueSource<T>
    where T : unmanaged
{
    /// <summary>A gather's values before the kept ones are picked out (ParquetSharp decodes every value of a read).</summary>
    private T[] _all = [];

    public short MaxDefinition { get; } = reader.ColumnDescriptor.MaxDefinitionLevel;

    public (int Rows, int Values) Read(int want, Span<short> levels, Span<T> values)
    {
        long rows, count;
        if (MaxDefinition == 0)
        {
            rows = reader.ReadBatch(want, values[..want], out count);
        }
        else
        {
            rows = reader.ReadBatch(want, levels[..want], Span<short>.Empty, values[..want], out count);
        }

        if (rows <= 0)
        {
            throw new InvalidDataException("A column chunk ended after fewer values than its row group's rows.");
        }

        return ((int)rows, (int)count);
    }

    public (int Rows, int Kept, int Values) Gather(int want, int first, ReadOnlySpan<int> keptRows, Span<short> levels, Span<int> positions, Span<T> values)
    {
        if (_all.Length < want)
        {
            _all = new T[want];
        }

        var (rows, count) = Read(want, levels, _all);
        var n = ParquetKeptRows.Positions(levels, MaxDefinition, rows, count, keptRows, first, positions, out var kept);
        for (var i = 0; i < n; i++)
        {
            values[i] = _all[positions[i]];
        }

        return (rows, kept, n);
    }

    public void Skip(int count)
    {
        if (reader.Skip(count) != count)
        {
            throw new InvalidDataException("A column chunk ended after fewer values than its row group's rows.");
        }
    }

    public void Dispose() => reader.Dispose();
}
