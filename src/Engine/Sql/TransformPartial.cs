using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// The partial of a transform: filters and evaluates each row and writes it to a <see cref="TransformOutput"/> (CSV or Parquet,
/// counted, previewed; a partition whose rows all fail the filter writes nothing and leaves no output blob or file).
/// </summary>
internal sealed class TransformPartial : IPartial, IOwnedPartial, IDisposable
{
    private readonly TransformQueryProcessor _processor;
    private readonly BoundQuery _query;
    private readonly TransformOutput _output;
    private readonly SqlValue[] _row;

    public TransformPartial(TransformQueryProcessor processor, Stream? output)
    {
        _processor = processor;
        _query = processor.Query;
        _row = new SqlValue[_query.Outputs.Length];
        _output = new TransformOutput(_query.OutputColumns, processor.PreviewRows, processor.OutputFormat, output);
    }

    public SqlQueryProcessor Processor => _processor;

    public long RowCount => _output.RowCount;

    public List<SqlValue[]> Preview => _output.Preview;

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

        _output.Write(_row);
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

        _output.Merge(o._output);
    }

    public void WriteTo(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, PartialFormat.TransformKind);
        _output.WriteTo(writer);
    }

    public void Complete() => _output.Finish();

    /// <summary>Releases the row writer; the output stream stays open.</summary>
    public void Dispose() => _output.Dispose();

    internal void Read(Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, PartialFormat.TransformKind);
        _output.ReadFrom(reader);
    }
}
