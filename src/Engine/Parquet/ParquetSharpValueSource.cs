using ParquetSharp;

namespace OrleansProc.Engine.Parquet;

/// <summary>The physical values of a column chunk as ParquetSharp's <see cref="ColumnReader{TValue}"/> decodes them.</summary>
internal sealed class ParquetSharpValueSource<T>(ColumnReader<T> reader) : IParquetValueSource<T>
    where T : unmanaged
{
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

    public void Skip(int count)
    {
        if (reader.Skip(count) != count)
        {
            throw new InvalidDataException("A column chunk ended after fewer values than its row group's rows.");
        }
    }

    public void Dispose() => reader.Dispose();
}
