using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Processing;

/// <summary>Receives the records of a partition one at a time.</summary>
public interface IRowSink
{
    /// <summary>
    /// Takes one record. <paramref name="row"/> has one entry per column of the dataset's schema; only the
    /// columns the processor declared as needed are filled, the others are NULL. The span is reused for the
    /// next record: copy what must outlive the call.
    /// </summary>
    void Accept(ReadOnlySpan<SqlValue> row);
}
