using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// The physical values of a flat column chunk of INT32, INT64, FLOAT, DOUBLE or BOOLEAN, decoded here: PLAIN fixed
/// width values copied straight out of the page, PLAIN booleans unpacked from bits, RLE booleans, and dictionary
/// indexes looked up in the dictionary page's values (decoded once per dictionary).
/// </summary>
internal sealed class ParquetManagedValues<T>(ParquetColumnChunk chunk, int chunkRows) : IParquetValueSource<T>
    where T : unmanaged
{
    private readonly int[] _indexes = new int[chunkRows];
    private readonly short[] _skipped = new short[chunkRows];
    private T[]? _skippedValues;
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

    public void Skip(int count)
    {
        var values = _skippedValues ??= new T[_indexes.Length];
        while (count > 0)
        {
            var (rows, _) = Read(Math.Min(count, values.Length), _skipped, values);
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
                var booleans = MemoryMarshal.Cast<T, bool>(values);
                for (var i = 0; i < bits.Length; i++)
                {
                    booleans[i] = bits[i] != 0;
                }

                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary when typeof(T) != typeof(bool):
                var dictionary = Dictionary();
                var indexes = _indexes.AsSpan(0, values.Length);
                Runs(indexes);
                for (var i = 0; i < indexes.Length; i++)
                {
                    var index = indexes[i];
                    if ((uint)index >= (uint)dictionary.Length)
                    {
                        throw chunk.Corrupt($"a dictionary index {index} past the dictionary's {dictionary.Length} entries");
                    }

                    values[i] = dictionary[index];
                }

                break;
            default:
                throw chunk.Corrupt($"a {typeof(T).Name} page in encoding {chunk.PageEncoding}, which this reader does not decode");
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
