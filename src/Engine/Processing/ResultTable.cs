using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Processing;

/// <summary>
/// A finished result. For a transform, <see cref="Rows"/> holds the first rows only and
/// <see cref="TotalRows"/> counts every row written to the output.
/// </summary>
public sealed record ResultTable(IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<SqlValue[]> Rows, long TotalRows);
