namespace OrleansProc.Engine.Schema;

/// <summary>The columns of a dataset, in file order. Column names are matched case-insensitively.</summary>
public sealed class TableSchema
{
    private readonly Dictionary<string, int> _ordinals;

    public TableSchema(IReadOnlyList<ColumnSchema> columns)
    {
        Columns = columns;
        _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            _ordinals.TryAdd(columns[i].Name, i);
        }
    }

    public IReadOnlyList<ColumnSchema> Columns { get; }

    public int Count => Columns.Count;

    /// <summary>The ordinal of a column, or -1 when there is none of that name.</summary>
    public int IndexOf(string name) => _ordinals.TryGetValue(name, out var i) ? i : -1;
}
