using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Processing;

/// <summary>
/// The output rows of a transform's partial (a SQL transform's or a user map's): writes them through the output writer
/// (CSV or Parquet; the header goes out with the first row, so a partition without rows writes nothing), counts them
/// and keeps a preview; merges, and writes and reads its count and preview in the partial's binary form.
/// </summary>
internal sealed class TransformOutput : IDisposable
{
    private readonly IReadOnlyList<ColumnSchema> _columns;
    private readonly int _previewRows;
    private readonly IOutputRowWriter? _writer;

    /// <param name="columns">The output's columns.</param>
    /// <param name="previewRows">How many rows to keep for the result's preview.</param>
    /// <param name="format">The output file format.</param>
    /// <param name="output">Where the rows go; null for a partial read back from its binary form, which takes no rows.</param>
    public TransformOutput(IReadOnlyList<ColumnSchema> columns, int previewRows, DataFormat format, Stream? output)
    {
        _columns = columns;
        _previewRows = previewRows;
        if (output is not null)
        {
            _writer = OutputFiles.CreateWriter(format, output);
        }
    }

    /// <summary>The rows written, summed over merged partials.</summary>
    public long RowCount { get; private set; }

    /// <summary>The first rows, up to the preview size.</summary>
    public List<SqlValue[]> Preview { get; } = [];

    /// <summary>Writes one row (its values in the columns' order); the row may be reused by the caller afterwards.</summary>
    public void Write(SqlValue[] row)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException("this partial was read back from its binary form and has no output stream");
        }

        if (RowCount == 0)
        {
            _writer.WriteHeader(_columns);
        }

        _writer.WriteRow(row);
        RowCount++;
        if (Preview.Count < _previewRows)
        {
            Preview.Add((SqlValue[])row.Clone());
        }
    }

    /// <summary>Adds another partial's count and as much of its preview as fits.</summary>
    public void Merge(TransformOutput other)
    {
        RowCount += other.RowCount;
        for (var i = 0; i < other.Preview.Count && Preview.Count < _previewRows; i++)
        {
            Preview.Add(other.Preview[i]);
        }
    }

    /// <summary>Ends the output file (nothing when no row was written).</summary>
    public void Finish() => _writer?.Finish();

    /// <summary>Writes the output width, the rows written and the preview rows (the body after the partial's header).</summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt(_columns.Count);
        writer.Write7BitEncodedInt64(RowCount);
        writer.Write7BitEncodedInt(Preview.Count);
        foreach (var row in Preview)
        {
            foreach (var value in row)
            {
                SqlValueCodec.Write(writer, value);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote into this (empty) output.</summary>
    public void ReadFrom(BinaryReader reader)
    {
        var width = _columns.Count;
        PartialFormat.ExpectCount(reader.Read7BitEncodedInt(), width, "output columns");
        RowCount = reader.Read7BitEncodedInt64();
        var count = reader.Read7BitEncodedInt();
        for (var r = 0; r < count; r++)
        {
            var row = new SqlValue[width];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = SqlValueCodec.Read(reader);
            }

            Preview.Add(row);
        }
    }

    /// <summary>Releases the row writer; the output stream stays open.</summary>
    public void Dispose() => _writer?.Dispose();
}
