using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>
/// A broadcast table's rows hashed on their join keys. Rows with a NULL key are left out (NULL never equals anything);
/// rows with equal keys are all kept, in input order (a probe row then matches each of them). Immutable once built,
/// so every partition of a job may probe it at once.
/// </summary>
internal sealed class BroadcastHashTable
{
    private readonly Dictionary<SqlValue[], List<SqlValue[]>> _rows = new(KeyComparer.Instance);

    /// <summary>The rows kept.</summary>
    public long RowCount { get; private set; }

    /// <summary>Keeps <paramref name="row"/> under <paramref name="key"/> (both owned by the table from now on).</summary>
    public void Add(SqlValue[] key, SqlValue[] row)
    {
        if (!_rows.TryGetValue(key, out var rows))
        {
            _rows[key] = rows = [];
        }

        rows.Add(row);
        RowCount++;
    }

    /// <summary>The rows whose key equals <paramref name="key"/>, or null.</summary>
    public List<SqlValue[]>? Find(SqlValue[] key) => _rows.GetValueOrDefault(key);

    private sealed class KeyComparer : IEqualityComparer<SqlValue[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(SqlValue[]? x, SqlValue[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(SqlValue[] obj)
        {
            var hash = default(HashCode);
            foreach (var value in obj)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
