using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// The partial of a user map: writes the rows the processor emits through the transform output writer (CSV or
/// Parquet, header with the first row, so a partition without rows writes nothing), counts them and keeps a preview,
/// like a SQL transform's partial.
/// </summary>
internal sealed class UserMapPartial : UserPartial, IDisposable
{
    private readonly IOutputRowWriter? _writer;
    private readonly SqlValue[] _row;

    public UserMapPartial(UserProcessor processor, ProcessorContext context, object state, Stream? output)
        : base(processor, context, state)
    {
        _row = new SqlValue[processor.OutputColumns.Count];
        if (output is not null)
        {
            _writer = OutputFiles.CreateWriter(processor.OutputFormat, output);
        }
    }

    public long RowCount { get; private set; }

    public List<SqlValue[]> Preview { get; } = [];

    public override void Merge(IPartial other)
    {
        var source = Own<UserMapPartial>(other);
        RowCount += source.RowCount;
        for (var i = 0; i < source.Preview.Count && Preview.Count < Processor.PreviewRows; i++)
        {
            Preview.Add(source.Preview[i]);
        }
    }

    public override void WriteTo(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, UserPartialFormat.MapKind);
        TransformRowsCodec.Write(writer, _row.Length, RowCount, Preview);
    }

    /// <summary>Releases the row writer; the output stream stays open.</summary>
    public void Dispose() => _writer?.Dispose();

    protected override void BatchDone()
    {
        var rows = ((RowEmitter)State).TakeRows();
        if (rows.Count == 0)
        {
            return;
        }

        if (_writer is null)
        {
            throw new InvalidOperationException("this partial was read back from its binary form and has no output stream");
        }

        var columns = Processor.Instance.ResultColumns;
        foreach (var row in rows)
        {
            ResultValues.Convert(row, columns, _row);
            if (RowCount == 0)
            {
                _writer.WriteHeader(Processor.OutputColumns);
            }

            _writer.WriteRow(_row);
            RowCount++;
            if (Preview.Count < Processor.PreviewRows)
            {
                Preview.Add((SqlValue[])_row.Clone());
            }
        }
    }

    protected override void Completed() => _writer?.Finish();

    /// <summary>Reads a partial written by <see cref="WriteTo"/>.</summary>
    public static UserMapPartial Read(UserProcessor processor, ProcessorContext context, Stream source)
    {
        var partial = new UserMapPartial(processor, context, new RowEmitter(), null);
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, UserPartialFormat.MapKind);
        partial.RowCount = TransformRowsCodec.Read(reader, partial._row.Length, partial.Preview);

        return partial;
    }
}
