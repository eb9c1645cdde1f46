namespace OrleansProc.Sdk;

/// <summary>Where a <see cref="MapProcessor"/> writes its output rows. Thread-safe: a batch processed concurrently may emit from many tasks.</summary>
public sealed class RowEmitter
{
    private readonly Lock _gate = new();
    private List<object?[]> _rows = [];

    /// <summary>Writes one output row: one value per <see cref="Processor.ResultColumns"/> entry.</summary>
    public void Emit(params object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_gate)
        {
            _rows.Add(row);
        }
    }

    /// <summary>Host: takes the rows emitted since the last call.</summary>
    public IReadOnlyList<object?[]> TakeRows()
    {
        lock (_gate)
        {
            var rows = _rows;
            _rows = [];
            return rows;
        }
    }
}
