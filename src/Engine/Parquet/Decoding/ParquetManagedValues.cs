using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// The physical values of a flat column chunk of INT32, INT64, FLOAT, DOUBLE or BOOLEAN, decoded here: PLAIN fixed
/// width values copied straight out of the page, PLAIN booleans unpacked from bits, RLE booleans, and dictionary
/// indexes looked up in the dictionary page's values (decoded once per dictionary). A gather reads only the kept
/// values: PLAIN ones at their offsets, dictionary indexes where their bits are, the rest passed over.
/// </summary>
internal sealed class ParquetManagedValues<T>(ParquetColumnChunk chunk, int chunkRows) : IParquetValueSource<T>
    where T : unmanaged
{
    private readonly int[] _indexes = new int[chunkRows];
    private readonly short[] _skipped = new short[chunkRows];
    private T[] _dictionary = [];
    private int _dictionaryVersion;

    public short MaxDefinition => chunk.MaxDefinition;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int Rows, int Values) Read(int want, Span<short> levels, Span<T> values)
    {
        chunk.EnsurePage();
        var rows = Math.Min(want, chunk.PageRowsLeft);
        var count = chunk.ReadLevels(levels[..rows]);
        Decode(values[..count]);
        return (rows, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int Rows, int Kept, int Values) Gather(int want, int first, ReadOnlySpan<int> keptRows, Span<short> levels, Span<int> positions, Span<T> values)
    {
        chunk.EnsurePage();
        var rows = Math.Min(want, chunk.PageRowsLeft);
        var count = chunk.ReadLevels(levels[..rows]);
        var n = ParquetKeptRows.Positions(levels, MaxDefinition, rows, count, keptRows, first, positions, out var kept);
        DecodeAt(positions[..n], count, values[..n]);
        return (rows, kept, n);
    }

    public void Skip(int count)
    {
        while (count > 0)
        {
            var (rows, _, _) = Gather(Math.Min(count, _skipped.Length), 0, [], _skipped, [], []);
            count -= rows;
        }
    }

    public void Dispose() => chunk.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decode(Span<T> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        switch (chunk.PageEncoding)
        {
            case ParquetEncoding.Plain when typeof(T) == typeof(bool):
                PlainBooleans(MemoryMarshal.Cast<T, bool>(values));
                break;
            case ParquetEncoding.Plain:
                var bytes = values.Length * Unsafe.SizeOf<T>();
                if (bytes > chunk.ValuesEnd - chunk.ValuesOffset)
                {
                    throw chunk.Corrupt("a data page with fewer values than its header says");
                }

                MemoryMarshal.Cast<byte, T>(chunk.Data.AsSpan(chunk.ValuesOffset, bytes)).CopyTo(values);
                chunk.ValuesOffset += bytes;
                break;
            case ParquetEncoding.Rle when typeof(T) == typeof(bool):
                var bits = _indexes.AsSpan(0, values.Length);
                Runs(bits);
                ToBooleans(bits, values);
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary when typeof(T) != typeof(bool):
                var dictionary = Dictionary();
                var indexes = _indexes.AsSpan(0, values.Length);
                Runs(indexes);
                LookUp(dictionary, indexes, values);
                break;
            default:
                throw chunk.Corrupt($"a {typeof(T).Name} page in encoding {chunk.PageEncoding}, which this reader does not decode");
        }
    }

    /// <summary>Passes over the page's next <paramref name="count"/> values, decoding those at <paramref name="positions"/> into <paramref name="values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeAt(ReadOnlySpan<int> positions, int count, Span<T> values)
    {
        if (count == 0)
        {
            return;
        }

        switch (chunk.PageEncoding)
        {
            case ParquetEncoding.Plain when typeof(T) == typeof(bool):
                var bit = chunk.ValuesBit;
                var start = chunk.ValuesOffset;
                if ((bit + count + 7) / 8 > chunk.ValuesEnd - start)
                {
                    throw chunk.Corrupt("a data page with fewer values than its header says");
                }

                var data = chunk.Data;
                var flags = MemoryMarshal.Cast<T, bool>(values);
                for (var i = 0; i < flags.Length; i++)
                {
                    var at = bit + positions[i];
                    flags[i] = ((data[start + (int)(at >> 3)] >> (int)(at & 7)) & 1) != 0;
                }

                chunk.ValuesBit = bit + count;
                break;
            case ParquetEncoding.Plain:
                var bytes = count * Unsafe.SizeOf<T>();
                if (bytes > chunk.ValuesEnd - chunk.ValuesOffset)
                {
                    throw chunk.Corrupt("a data page with fewer values than its header says");
                }

                var all = MemoryMarshal.Cast<byte, T>(chunk.Data.AsSpan(chunk.ValuesOffset, bytes));
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = all[positions[i]];
                }

                chunk.ValuesOffset += bytes;
                break;
            case ParquetEncoding.Rle when typeof(T) == typeof(bool):
                var bits = _indexes.AsSpan(0, values.Length);
                GatherRuns(positions, count, bits);
                ToBooleans(bits, values);
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary when typeof(T) != typeof(bool):
                var dictionary = Dictionary();
                var indexes = _indexes.AsSpan(0, values.Length);
                GatherRuns(positions, count, indexes);
                LookUp(dictionary, indexes, values);
                break;
            default:
                throw chunk.Corrupt($"a {typeof(T).Name} page in encoding {chunk.PageEncoding}, which this reader does not decode");
        }
    }

    /// <summary>The RLE booleans' bits (0 or 1) as booleans.</summary>
    private static void ToBooleans(ReadOnlySpan<int> bits, Span<T> values)
    {
        var booleans = MemoryMarshal.Cast<T, bool>(values);
        for (var i = 0; i < bits.Length; i++)
        {
            booleans[i] = bits[i] != 0;
        }
    }

    /// <summary>
    /// The dictionary's values at <paramref name="indexes"/>: the indexes checked first (vectorized), then looked up
    /// without a check each; an index past the dictionary is corrupt data.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LookUp(T[] dictionary, ReadOnlySpan<int> indexes, Span<T> values)
    {
        var past = indexes.IndexOfAnyExceptInRange(0, dictionary.Length - 1);
        if (past >= 0)
        {
            throw chunk.Corrupt($"a dictionary index {indexes[past]} past the dictionary's {dictionary.Length} entries");
        }

        ref var entries = ref MemoryMarshal.GetArrayDataReference(dictionary);
        ref var index = ref MemoryMarshal.GetReference(indexes[..values.Length]);
        ref var value = ref MemoryMarshal.GetReference(values);
        for (var i = 0; i < values.Length; i++)
        {
            Unsafe.Add(ref value, i) = Unsafe.Add(ref entries, Unsafe.Add(ref index, i));
        }
    }

    private void GatherRuns(ReadOnlySpan<int> positions, int count, Span<int> target)
    {
        try
        {
            chunk.ValueRuns.Gather(positions, count, target);
        }
        catch (InvalidDataException e)
        {
            throw chunk.Corrupt(e.Message, e);
        }
    }

    private void PlainBooleans(Span<bool> values)
    {
        var data = chunk.Data;
        var start = chunk.ValuesOffset;
        var bit = chunk.ValuesBit;
        if ((bit + values.Length + 7) / 8 > chunk.ValuesEnd - start)
        {
            throw chunk.Corrupt("a data page with fewer values than its header says");
        }

        for (var i = 0; i < values.Length; i++, bit++)
        {
            values[i] = ((data[start + (int)(bit >> 3)] >> (int)(bit & 7)) & 1) != 0;
        }

        chunk.ValuesBit = bit;
    }

    private void Runs(Span<int> target)
    {
        try
        {
            chunk.ValueRuns.Read(target);
        }
        catch (InvalidDataException e)
        {
            throw chunk.Corrupt(e.Message, e);
        }
    }

    /// <summary>The dictionary page's values (PLAIN), decoded once per dictionary page.</summary>
    private T[] Dictionary()
    {
        if (_dictionaryVersion != chunk.DictionaryVersion)
        {
            var bytes = (long)chunk.DictionaryCount * Unsafe.SizeOf<T>();
            if (chunk.DictionaryCount < 0 || bytes > chunk.DictionaryLength)
            {
                throw chunk.Corrupt($"a dictionary page of {chunk.DictionaryLength} bytes for {chunk.DictionaryCount} values");
            }

            _dictionary = MemoryMarshal.Cast<byte, T>(chunk.DictionaryData.AsSpan(0, (int)bytes)).ToArray();
            _dictionaryVersion = chunk.DictionaryVersion;
        }

        return _dictionary;
    }
}
