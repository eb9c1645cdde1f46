using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Io;

/// <summary>Keeps a copy of every row it is given.</summary>
internal sealed class CollectingSink : IRowSink
{
    public List<SqlValue[]> Rows { get; } = [];

    public void Accept(ReadOnlySpan<SqlValue> row) => Rows.Add(row.ToArray());
}
