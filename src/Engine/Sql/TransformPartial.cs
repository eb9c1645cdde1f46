using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// The partial of a transform: writes rows as CSV or Parquet, counts them and keeps a preview. The header goes out with the first
/// row, so a partition whose rows all fail the filter writes nothing (and leaves no output blob or file).
/// </summary>
internal sealed class TransformPartial : IPartial, IOwnedPartial, IDisposable
{
    private readonly TransformQueryProcessor _processor;
    private readonly BoundQuery _query;
    private readonly IOutputRowWriter? _writer;
    private readonly SqlValue[] _row;

    public TransformPartial(TransformQueryProcessor processor, Stream? output)
    {
        _processor = processor;
        _query = processor.Query;
        _row = new SqlValue[_query.Outputs.Length];
        if (output is not null)
        {
            _writer = OutputFiles.CreateWriter(processor.OutputFormat, output);
        }
    }

    public SqlQueryProcessor Processor => _processor;

    public long RowCount { get; private set; }

    public List<SqlValue[]> Preview { get; } = [];

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        if (_query.Where is { } where && !Evaluator.IsTrue(where.Evaluate(row)))
        {
            return;
        }

        var outputs = _query.Outputs;
        for (var i = 0; i < _row.Length; i++)
        {
            _row[i] = outputs[i].Evaluate(row);
        }

        if (_writer is null)
        {
            throw new InvalidOperationException("this partial was read back from its binary form and has no output stream");
        }

        if (RowCount == 0)
        {
            _writer.WriteHeader(_query.OutputColumns);
        }

        _writer.WriteRow(_row);
        RowCount++;
        if (Preview.Count < _processor.PreviewRows)
        {
            Preview.Add((SqlValue[])_row.Clone());
        }
    }

    public void Merge(IPartial other)
    {
        if (other is not TransformPartial o || !ReferenceEquals(o._processor, _processor))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(other));
        }

        if (ReferenceEquals(o, this))
        {
            throw new ArgumentException("a partial cannot be merged into itself", nameof(other));
        }

        RowCount += o.RowCount;
        for (var i = 0; i < o.Preview.Count && Preview.Count < _processor.PreviewRows; i++)
        {
            Preview.Add(o.Preview[i]);
        }
    }

    public void WriteTo(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, PartialFormat.TransformKind);
        TransformRowsCodec.Write(writer, _row.Length, RowCount, Preview);
    }

    public void Complete() => _writer?.Finish();

    /// <summary>Releases the row writer; the output stream stays open.</summary>
    public void Dispose() => _writer?.Dispose();

    internal void Read(Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, PartialFormat.TransformKind);
        RowCount = TransformRowsCodec.Read(reader, _row.Length, Preview);
    }
}
