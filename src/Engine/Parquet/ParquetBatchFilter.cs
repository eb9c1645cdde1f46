using System.Runtime.CompilerServices;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Io.Filters;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Applies a <see cref="ColumnBatch"/>'s filters (the WHERE's conditions on VARCHAR columns) on the Parquet batch
/// path, where the batch is filled column by column rather than record by record: a column that is only filtered on
/// is tested as it is read (<see cref="ParquetColumnCursor.Filter"/>, once per distinct value of each read); a
/// column the batch also holds (the GROUP BY key) is read whole and tested by its codes, once per code for the whole
/// scan. The rows that pass (<see cref="Select"/>) are then gathered into the front of the other held vectors as those
/// are read (<see cref="ParquetColumnCursor.Gather"/>), and moved there in the held filtered ones
/// (<see cref="CompactHeldFiltered"/>). A NULL fails every filter.
/// </summary>
internal sealed class ParquetBatchFilter
{
    private readonly ColumnBatch _batch;
    private readonly HeldFilter[] _held;

    /// <param name="batch">The batch, with at least one filter.</param>
    public ParquetBatchFilter(ColumnBatch batch)
    {
        _batch = batch;
        _held = [.. batch.Filters.Select(f => f.Column).Distinct().Where(c => batch.Columns[c])
            .Select(c => new HeldFilter(c, [.. batch.Filters.Where(f => f.Column == c)]))];
    }

    /// <summary>The rows that pass, in order (<see cref="Select"/>'s answer).</summary>
    private readonly int[] _keptRows = new int[ColumnBatch.Capacity];

    /// <summary>Per row of the chunk being read: whether it passes the filters so far.</summary>
    public bool[] Keep { get; } = new bool[ColumnBatch.Capacity];

    /// <summary>The filters of a column the batch does not hold (tested while reading it), or null.</summary>
    public Utf8FieldFilter[]? FiltersRead(int ordinal)
    {
        if (_batch.Columns[ordinal])
        {
            return null;
        }

        var filters = _batch.Filters.Where(f => f.Column == ordinal).ToArray();
        return filters.Length == 0 ? null : filters;
    }

    /// <summary>Starts a chunk of <paramref name="count"/> rows, all passing so far.</summary>
    public void Reset(int count) => Keep.AsSpan(0, count).Fill(true);

    /// <summary>Whether any of the chunk's <paramref name="count"/> rows still passes.</summary>
    public bool Any(int count) => Keep.AsSpan(0, count).Contains(true);

    /// <summary>Whether column <paramref name="ordinal"/> is held and filtered on (read whole, then tested by its codes in <see cref="Select"/>).</summary>
    public bool IsHeldFiltered(int ordinal)
    {
        foreach (var held in _held)
        {
            if (held.Column == ordinal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rows that pass, ascending, once <see cref="Select"/> has found them.</summary>
    public ReadOnlySpan<int> KeptRows(int kept) => _keptRows.AsSpan(0, kept);

    /// <summary>
    /// Tests the held filtered columns' filters on rows [0, <paramref name="count"/>) of the batch, then lists the
    /// rows that pass every filter (<see cref="KeptRows"/>). Returns their number.
    /// </summary>
    public int Select(int count)
    {
        foreach (var held in _held)
        {
            held.Apply(_batch, Keep, count);
        }

        return ParquetKeptRows.ListKept(Keep.AsSpan(0, count), _keptRows);
    }

    /// <summary>Moves the kept rows of the held filtered columns (read whole) to the front of their vectors.</summary>
    public void CompactHeldFiltered(int kept)
    {
        foreach (var held in _held)
        {
            MoveToFront(_batch.Nulls[held.Column]!, _keptRows, kept);
            MoveToFront(_batch.Codes[held.Column]!, _keptRows, kept);
        }
    }

    /// <summary>Moves the values of rows <paramref name="rows"/>[i] (ascending, each at or after i) to position i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MoveToFront<T>(T[] vector, int[] rows, int kept)
    {
        for (var i = 0; i < kept; i++)
        {
            vector[i] = vector[rows[i]];
        }
    }

    /// <summary>The filters of a column the batch holds as codes, with each code's verdict once known.</summary>
    private sealed class HeldFilter(int column, Utf8FieldFilter[] filters)
    {
        public int Column => column;

        private const sbyte Unknown = 0;
        private const sbyte Passes = 1;
        private const sbyte Fails = 2;

        /// <summary>Per code of the column's dictionary: <see cref="Unknown"/>, <see cref="Passes"/> or <see cref="Fails"/>.</summary>
        private sbyte[] _verdicts = new sbyte[64];

        public void Apply(ColumnBatch batch, bool[] keep, int count)
        {
            var keys = batch.Keys[column]!;
            var codes = batch.Codes[column]!;
            var nulls = batch.Nulls[column]!;
            if (_verdicts.Length < keys.Count)
            {
                Array.Resize(ref _verdicts, Math.Max(keys.Count, _verdicts.Length * 2));
            }

            for (var r = 0; r < count; r++)
            {
                if (!keep[r])
                {
                    continue;
                }

                if (nulls[r])
                {
                    keep[r] = false;
                    continue;
                }

                var code = codes[r];
                var verdict = _verdicts[code];
                if (verdict == Unknown)
                {
                    verdict = filters.All(f => f.Passes(keys.BytesOf(code))) ? Passes : Fails;
                    _verdicts[code] = verdict;
                }

                keep[r] = verdict == Passes;
            }
        }
    }
}
