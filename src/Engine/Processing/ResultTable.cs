using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Processing;

/// <summary>
/// A finished result. For a transform, <see cref="Rows"/> holds the first rows only and
/// <see cref="TotalRows"/> counts every row written to the output.
/// </summary>
public sealed record ResultTable(IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<SqlValue[]> Rows, long TotalRows)
{
    /// <summary>Each column's name.</summary>
    public IReadOnlyList<string> ColumnNames() => Columns.Select(c => c.Name).ToList();

    /// <summary>Each column's SQL type name (BIGINT, DOUBLE, VARCHAR, BOOLEAN, TIMESTAMP).</summary>
    public IReadOnlyList<string> TypeNames() => Columns.Select(c => SqlTypeNames.Name(c.Type)).ToList();

    /// <summary>The rows as canonical invariant text, null for NULL (what results carry over the wire).</summary>
    public IReadOnlyList<IReadOnlyList<string?>> TextRows() =>
        Rows.Select(r => (IReadOnlyList<string?>)r.Select(v => v.ToInvariantString()).ToList()).ToList();
}
