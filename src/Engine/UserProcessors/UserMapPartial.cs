using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// The partial of a user map: the rows the processor emits go to a <see cref="TransformOutput"/>, as a SQL
/// transform's rows do.
/// </summary>
internal sealed class UserMapPartial : UserPartial, IDisposable
{
    private readonly TransformOutput _output;
    private readonly SqlValue[] _row;

    public UserMapPartial(UserProcessor processor, ProcessorContext context, object state, Stream? output)
        : base(processor, context, state)
    {
        _row = new SqlValue[processor.OutputColumns.Count];
        _output = new TransformOutput(processor.OutputColumns, processor.PreviewRows, processor.OutputFormat, output);
    }

    public long RowCount => _output.RowCount;

    public List<SqlValue[]> Preview => _output.Preview;

    public override void Merge(IPartial other)
    {
        _output.Merge(Own<UserMapPartial>(other)._output);
    }

    public override void WriteTo(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, UserPartialFormat.MapKind);
        _output.WriteTo(writer);
    }

    /// <summary>Releases the row writer; the output stream stays open.</summary>
    public void Dispose() => _output.Dispose();

    protected override void BatchDone()
    {
        var rows = ((RowEmitter)State).TakeRows();
        if (rows.Count == 0)
        {
            return;
        }

        var columns = Processor.Instance.ResultColumns;
        foreach (var row in rows)
        {
            ResultValues.Convert(row, columns, _row);
            _output.Write(_row);
        }
    }

    protected override void Completed() => _output.Finish();

    /// <summary>Reads a partial written by <see cref="WriteTo"/>.</summary>
    public static UserMapPartial Read(UserProcessor processor, ProcessorContext context, Stream source)
    {
        var partial = new UserMapPartial(processor, context, new RowEmitter(), null);
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, UserPartialFormat.MapKind);
        partial._output.ReadFrom(reader);

        return partial;
    }
}
