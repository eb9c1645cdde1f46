using System.Runtime.CompilerServices;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// A <see cref="ParquetColumnCursor"/> over a column of physical type <typeparamref name="T"/>, its values from an
/// <see cref="IParquetValueSource{T}"/> (ParquetSharp's reader or the managed decoder): each read's non-NULL values
/// are converted in one call, into the target from the chunk's first row on, then spread
/// out in place (from the last row back) to leave the NULLs where the definition levels put them. A gather
/// (<see cref="Gather"/>) decodes and converts only the values of the rows a filter kept, straight into their rows.
/// </summary>
internal sealed class ParquetColumnCursorOf<T> : ParquetColumnCursor
    where T : unmanaged
{
    private readonly IParquetValueSource<T> _reader;
    private readonly short _maxDefinition;
    private readonly ParquetRowConverter<T> _toRows;
    private readonly ParquetBatchConverter<T> _toBatch;
    private readonly ParquetFilterConverter<T>? _toFilter;
    private readonly short[] _levels;
    private readonly T[] _values;
    private readonly bool[] _passes;
    private readonly int[] _positions;

    public ParquetColumnCursorOf(
        IParquetValueSource<T> reader, ParquetRowConverter<T> toRows, ParquetBatchConverter<T> toBatch, int chunkRows, ParquetFilterConverter<T>? toFilter = null)
    {
        _reader = reader;
        _toRows = toRows;
        _toBatch = toBatch;
        _toFilter = toFilter;
        _maxDefinition = reader.MaxDefinition;
        _levels = new short[chunkRows];
        _values = new T[chunkRows];
        _passes = toFilter is null ? [] : new bool[chunkRows];
        _positions = new int[chunkRows];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Read(SqlValue[] target, int count)
    {
        for (var filled = 0; filled < count;)
        {
            var (rows, values) = ReadChunk(count - filled);
            _toRows(_values.AsSpan(0, values), target.AsSpan(filled, values));
            if (values < rows)
            {
                var v = values;
                for (var i = rows - 1; i >= 0; i--)
                {
                    target[filled + i] = _levels[i] == _maxDefinition ? target[filled + --v] : SqlValue.Null;
                }
            }

            filled += rows;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Read(ColumnBatch batch, int ordinal, int count)
    {
        var nulls = batch.Nulls[ordinal]!;
        for (var filled = 0; filled < count;)
        {
            var (rows, values) = ReadChunk(count - filled);
            _toBatch(_values.AsSpan(0, values), batch, ordinal, filled);
            if (values == rows)
            {
                nulls.AsSpan(filled, rows).Clear();
            }
            else if (batch.Doubles[ordinal] is { } doubles)
            {
                Spread(doubles, nulls, filled, rows, values);
            }
            else if (batch.Codes[ordinal] is { } codes)
            {
                Spread(codes, nulls, filled, rows, values);
            }
            else
            {
                Spread(batch.Int64s[ordinal]!, nulls, filled, rows, values);
            }

            filled += rows;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Gather(ColumnBatch batch, int ordinal, int count, ReadOnlySpan<int> keptRows)
    {
        var nulls = batch.Nulls[ordinal]!;
        var target = 0;
        for (var filled = 0; filled < count;)
        {
            var keptLeft = keptRows[target..];
            var (rows, kept, values) = _reader.Gather(count - filled, filled, keptLeft, _levels, _positions, _values);
            if (kept > 0)
            {
                _toBatch(_values.AsSpan(0, values), batch, ordinal, target);
                if (batch.Doubles[ordinal] is { } doubles)
                {
                    ParquetKeptRows.Spread(doubles, nulls, target, kept, values, keptLeft, filled, _levels, _maxDefinition);
                }
                else if (batch.Codes[ordinal] is { } codes)
                {
                    ParquetKeptRows.Spread(codes, nulls, target, kept, values, keptLeft, filled, _levels, _maxDefinition);
                }
                else
                {
                    ParquetKeptRows.Spread(batch.Int64s[ordinal]!, nulls, target, kept, values, keptLeft, filled, _levels, _maxDefinition);
                }
            }

            target += kept;
            filled += rows;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Filter(bool[] keep, int count)
    {
        var test = _toFilter ?? throw new InvalidOperationException("The column has no filter.");
        for (var filled = 0; filled < count;)
        {
            var (rows, values) = ReadChunk(count - filled);
            var passes = _passes.AsSpan(0, values);
            test(_values.AsSpan(0, values), passes);
            KeepPassing(keep.AsSpan(filled, rows), passes, _levels, _maxDefinition);

            filled += rows;
        }
    }

    public override void Skip(int count) => _reader.Skip(count);

    public override void Dispose() => _reader.Dispose();

    /// <summary>Reads up to <paramref name="want"/> rows: their number, and the number of non-NULL values among them.</summary>
    private (int Rows, int Values) ReadChunk(int want) => _reader.Read(want, _levels, _values);

    /// <summary>
    /// Moves the <paramref name="values"/> non-NULL values at <paramref name="start"/> to their rows, and flags the
    /// NULLs: with few NULLs each run of defined rows (found from the last back) moved as a block, else row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Spread<TValue>(TValue[] vector, bool[] nulls, int start, int rows, int values)
    {
        var v = values;
        if ((rows - values) * 16 <= rows)
        {
            var levels = _levels.AsSpan(0, rows);
            for (var end = rows; end > 0;)
            {
                var lastNull = levels[..end].LastIndexOfAnyExcept(_maxDefinition);
                var run = end - lastNull - 1;
                vector.AsSpan(start + v - run, run).CopyTo(vector.AsSpan(start + lastNull + 1, run));
                nulls.AsSpan(start + lastNull + 1, run).Clear();
                v -= run;
                if (lastNull < 0)
                {
                    break;
                }

                nulls[start + lastNull] = true;
                vector[start + lastNull] = default!;
                end = lastNull;
            }

            return;
        }

        for (var i = rows - 1; i >= 0; i--)
        {
            var isNull = _levels[i] != _maxDefinition;
            nulls[start + i] = isNull;
            vector[start + i] = isNull ? default! : vector[start + --v];
        }
    }
}
