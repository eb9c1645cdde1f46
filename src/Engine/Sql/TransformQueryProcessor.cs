using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// A query without aggregates, GROUP BY, ORDER BY or LIMIT: each partial writes its rows as CSV or Parquet to its output
/// stream and keeps a count and a preview of the first rows.
/// </summary>
internal sealed class TransformQueryProcessor : SqlQueryProcessor
{
    public TransformQueryProcessor(BoundQuery query, int previewRows, DataFormat outputFormat)
        : base(query)
    {
        PreviewRows = previewRows;
        OutputFormat = outputFormat;
    }

    public int PreviewRows { get; }

    /// <summary>The file format of the output rows: CSV or Parquet.</summary>
    public DataFormat OutputFormat { get; }

    public override bool WritesOutputRows => true;

    public override IPartial CreatePartial(Stream? output = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new TransformPartial(this, output);
    }

    public override IPartial ReadPartial(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var partial = new TransformPartial(this, null);
        partial.Read(source);
        return partial;
    }

    public override ResultTable Finish(IPartial merged)
    {
        var partial = Own<TransformPartial>(merged, this);
        return new ResultTable(Query.OutputColumns, [.. partial.Preview], partial.RowCount);
    }
}
