using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>Rows equal value for value (NULL equal to NULL, as DISTINCT treats them).</summary>
internal sealed class RowValuesComparer : IEqualityComparer<SqlValue[]>
{
    public static readonly RowValuesComparer Instance = new();

    public bool Equals(SqlValue[]? x, SqlValue[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(SqlValue[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        foreach (var value in obj)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}
