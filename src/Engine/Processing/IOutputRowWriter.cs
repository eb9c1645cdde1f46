using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Processing;

/// <summary>Writes a transform's output rows to a stream in one file format (CSV or Parquet); the stream is left open.</summary>
public interface IOutputRowWriter : IDisposable
{
    /// <summary>Starts the file with its columns; called once, before the first row.</summary>
    void WriteHeader(IReadOnlyList<ColumnSchema> columns);

    /// <summary>Writes one row, its values in the columns' order.</summary>
    void WriteRow(ReadOnlySpan<SqlValue> row);

    /// <summary>Writes out everything buffered and ends the file (a no-op when no header was written).</summary>
    void Finish();
}
