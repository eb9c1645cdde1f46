using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Io.Filters;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// A <see cref="ParquetColumnCursor"/> over a flat VARCHAR (BYTE_ARRAY) column chunk, decoded here. On a
/// dictionary-encoded page each row is an index into the dictionary page: the index's code in the batch's
/// <see cref="Utf8KeyDictionary"/>, its string, or its filters' verdict is worked out once per dictionary entry and
/// then looked up, so a row costs an array read (a filter's verdicts are looked up as the indexes unpack, once per RLE
/// run; a gather or a skip passes over the indexes of the rows it does not want without unpacking them). PLAIN pages (a chunk without a dictionary, or the pages after a
/// writer gave up on one) are hashed value by value; a filter's verdicts are then kept per distinct value (up to
/// <see cref="MaxFilteredValues"/> at a time).
/// </summary>
internal sealed class ParquetManagedStringCursor : ParquetColumnCursor
{
    private const int MaxFilteredValues = 1 << 16;

    private readonly ParquetColumnChunk _chunk;
    private readonly Utf8FieldFilter[] _filters;
    private readonly short[] _levels;

    /// <summary>Per value of the run read: its dictionary index, or (PLAIN) its first byte in the page.</summary>
    private readonly int[] _indexes;

    /// <summary>Per value of the run read (PLAIN): its byte length.</summary>
    private readonly int[] _lengths;

    /// <summary>A gather's kept values: their indexes among the run's values.</summary>
    private readonly int[] _positions;

    /// <summary>A gather's kept values on a dictionary page: their dictionary indexes.</summary>
    private readonly int[] _keptIndexes;
    private readonly bool[] _passes;

    private int _dictionaryVersion;
    private int[] _entryStarts = [];
    private int[] _entryLengths = [];

    /// <summary>Per dictionary entry: its code in <see cref="_codeKeys"/> (-1 until asked for).</summary>
    private int[] _codes = [];
    private Utf8KeyDictionary? _codeKeys;

    /// <summary>Per dictionary entry: its string, once made.</summary>
    private SqlValue[] _texts = [];
    private bool[] _textsMade = [];

    /// <summary>Per dictionary entry: whether it passes the filters, once asked for.</summary>
    private bool[]? _verdicts;

    /// <summary>PLAIN values seen by the filter, and their verdicts.</summary>
    private Utf8KeyDictionary _seen = new();
    private readonly List<bool> _seenVerdicts = [];

    public ParquetManagedStringCursor(ParquetColumnChunk chunk, int chunkRows, IReadOnlyList<Utf8FieldFilter>? filters)
    {
        _chunk = chunk;
        _filters = filters is null ? [] : [.. filters];
        _levels = new short[chunkRows];
        _indexes = new int[chunkRows];
        _lengths = new int[chunkRows];
        _passes = new bool[chunkRows];
        _positions = new int[chunkRows];
        _keptIndexes = new int[chunkRows];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Read(SqlValue[] target, int count)
    {
        for (var filled = 0; filled < count;)
        {
            var (rows, values, dictionary) = Next(count - filled);
            var span = target.AsSpan(filled, rows);
            for (var j = 0; j < values; j++)
            {
                span[j] = dictionary ? TextOf(_indexes[j]) : SqlValue.FromText(Encoding.UTF8.GetString(Plain(j)));
            }

            if (values < rows)
            {
                var v = values;
                for (var i = rows - 1; i >= 0; i--)
                {
                    span[i] = _levels[i] == _chunk.MaxDefinition ? span[--v] : SqlValue.Null;
                }
            }

            filled += rows;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Read(ColumnBatch batch, int ordinal, int count)
    {
        var codes = batch.Codes[ordinal]!;
        var nulls = batch.Nulls[ordinal]!;
        var keys = batch.Keys[ordinal]!;
        for (var filled = 0; filled < count;)
        {
            var (rows, values, dictionary) = Next(count - filled);
            var span = codes.AsSpan(filled, rows);
            if (dictionary)
            {
                // Next checked the indexes against the dictionary, and the map holds a code per entry.
                var map = CodesFor(keys);
                ref var codeOf = ref MemoryMarshal.GetArrayDataReference(map);
                ref var indexes = ref MemoryMarshal.GetArrayDataReference(_indexes);
                ref var rowCodes = ref MemoryMarshal.GetReference(span[..values]);
                for (var j = 0; j < values; j++)
                {
                    var index = Unsafe.Add(ref indexes, j);
                    var code = Unsafe.Add(ref codeOf, index);
                    if (code < 0)
                    {
                        code = map[index] = keys.GetOrAdd(Entry(index));
                    }

                    Unsafe.Add(ref rowCodes, j) = code;
                }
            }
            else
            {
                for (var j = 0; j < values; j++)
                {
                    span[j] = keys.GetOrAdd(Plain(j));
                }
            }

            var flags = nulls.AsSpan(filled, rows);
            if (values == rows)
            {
                flags.Clear();
            }
            else
            {
                var v = values;
                for (var i = rows - 1; i >= 0; i--)
                {
                    var isNull = _levels[i] != _chunk.MaxDefinition;
                    flags[i] = isNull;
                    span[i] = isNull ? 0 : span[--v];
                }
            }

            filled += rows;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Gather(ColumnBatch batch, int ordinal, int count, ReadOnlySpan<int> keptRows)
    {
        var codes = batch.Codes[ordinal]!;
        var nulls = batch.Nulls[ordinal]!;
        var keys = batch.Keys[ordinal]!;
        var target = 0;
        for (var filled = 0; filled < count;)
        {
            var (rows, values) = NextLevels(count - filled);
            var keptLeft = keptRows[target..];
            var n = ParquetKeptRows.Positions(_levels, _chunk.MaxDefinition, rows, values, keptLeft, filled, _positions, out var kept);
            var positions = _positions.AsSpan(0, n);
            var span = codes.AsSpan(target, n);
            if (values > 0 && IsDictionaryPage())
            {
                var indexes = _keptIndexes.AsSpan(0, n);
                try
                {
                    _chunk.ValueRuns.Gather(positions, values, indexes);
                }
                catch (InvalidDataException e)
                {
                    throw _chunk.Corrupt(e.Message, e);
                }

                CheckIndexes(indexes);
                var map = CodesFor(keys);
                for (var j = 0; j < n; j++)
                {
                    var index = indexes[j];
                    var code = map[index];
                    if (code < 0)
                    {
                        code = map[index] = keys.GetOrAdd(Entry(index));
                    }

                    span[j] = code;
                }
            }
            else if (values > 0)
            {
                PlainValues(values);
                for (var j = 0; j < n; j++)
                {
                    span[j] = keys.GetOrAdd(Plain(positions[j]));
                }
            }

            ParquetKeptRows.Spread(codes, nulls, target, kept, n, keptLeft, filled, _levels, _chunk.MaxDefinition);
            target += kept;
            filled += rows;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Filter(bool[] keep, int count)
    {
        if (_filters.Length == 0)
        {
            throw new InvalidOperationException("The column has no filter.");
        }

        for (var filled = 0; filled < count;)
        {
            var (rows, values) = NextLevels(count - filled);
            var passes = _passes.AsSpan(0, values);
            if (values > 0 && IsDictionaryPage())
            {
                var verdicts = EntryVerdicts();
                try
                {
                    _chunk.ValueRuns.ReadMapped(passes, verdicts);
                }
                catch (InvalidDataException e)
                {
                    throw _chunk.Corrupt(e.Message, e);
                }
            }
            else if (values > 0)
            {
                PlainValues(values);
                PlainVerdicts(passes);
            }

            KeepPassing(keep.AsSpan(filled, rows), passes, _levels, _chunk.MaxDefinition);

            filled += rows;
        }
    }

    public override void Skip(int count)
    {
        while (count > 0)
        {
            var (rows, values) = NextLevels(count);
            if (values > 0 && IsDictionaryPage())
            {
                try
                {
                    _chunk.ValueRuns.Gather([], values, []);
                }
                catch (InvalidDataException e)
                {
                    throw _chunk.Corrupt(e.Message, e);
                }
            }
            else if (values > 0)
            {
                PlainValues(values);
            }

            count -= rows;
        }
    }

    public override void Dispose() => _chunk.Dispose();

    /// <summary>
    /// Reads up to <paramref name="want"/> rows of the current page: their levels into <see cref="_levels"/>, their
    /// values' dictionary indexes (or PLAIN offsets and lengths) into <see cref="_indexes"/> (and <see cref="_lengths"/>).
    /// </summary>
    private (int Rows, int Values, bool Dictionary) Next(int want)
    {
        var (rows, values) = NextLevels(want);
        if (IsDictionaryPage())
        {
            var indexes = _indexes.AsSpan(0, values);
            try
            {
                _chunk.ValueRuns.Read(indexes);
            }
            catch (InvalidDataException e)
            {
                throw _chunk.Corrupt(e.Message, e);
            }

            CheckIndexes(indexes);
            return (rows, values, true);
        }

        PlainValues(values);
        return (rows, values, false);
    }

    /// <summary>Reads the levels of up to <paramref name="want"/> rows of the current page: the rows, and the values among them.</summary>
    private (int Rows, int Values) NextLevels(int want)
    {
        _chunk.EnsurePage();
        var rows = Math.Min(Math.Min(want, _chunk.PageRowsLeft), _levels.Length);
        return (rows, _chunk.ReadLevels(_levels.AsSpan(0, rows)));
    }

    /// <summary>Whether the current page holds dictionary indexes (else PLAIN strings); an other encoding is corrupt.</summary>
    private bool IsDictionaryPage() => _chunk.PageEncoding switch
    {
        ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary => true,
        ParquetEncoding.Plain => false,
        _ => throw _chunk.Corrupt($"a string page in encoding {_chunk.PageEncoding}, which this reader does not decode"),
    };

    private void CheckIndexes(ReadOnlySpan<int> indexes)
    {
        var entries = Dictionary();
        var past = indexes.IndexOfAnyExceptInRange(0, entries - 1);
        if (past >= 0)
        {
            throw _chunk.Corrupt($"a dictionary index {indexes[past]} past the dictionary's {entries} entries");
        }
    }

    /// <summary>Finds the page's next <paramref name="values"/> PLAIN strings: their offsets into <see cref="_indexes"/>, their lengths into <see cref="_lengths"/>.</summary>
    private void PlainValues(int values)
    {
        var data = _chunk.Data;
        var offset = _chunk.ValuesOffset;
        var end = _chunk.ValuesEnd;
        for (var j = 0; j < values; j++)
        {
            var length = end - offset >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset, 4)) : -1;
            if (length < 0 || length > end - offset - 4)
            {
                throw _chunk.Corrupt("a string value past the end of its data page");
            }

            _indexes[j] = offset + 4;
            _lengths[j] = length;
            offset += 4 + length;
        }

        _chunk.ValuesOffset = offset;
    }

    /// <summary>The bytes of PLAIN value <paramref name="j"/> of the run read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Plain(int j) => _chunk.Data.AsSpan(_indexes[j], _lengths[j]);

    /// <summary>The bytes of dictionary entry <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Entry(int index) => _chunk.DictionaryData.AsSpan(_entryStarts[index], _entryLengths[index]);

    /// <summary>The dictionary's entries, their offsets found (and the caches made) once per dictionary page.</summary>
    private int Dictionary()
    {
        if (_dictionaryVersion == _chunk.DictionaryVersion)
        {
            return _entryStarts.Length;
        }

        var count = _chunk.DictionaryCount;
        var data = _chunk.DictionaryData!;
        var end = _chunk.DictionaryLength;
        if (count < 0 || count > end / 4)
        {
            throw _chunk.Corrupt($"a dictionary page of {end} bytes for {count} strings");
        }

        _entryStarts = new int[count];
        _entryLengths = new int[count];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var length = end - offset >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset, 4)) : -1;
            if (length < 0 || length > end - offset - 4)
            {
                throw _chunk.Corrupt("a string past the end of the dictionary page");
            }

            _entryStarts[i] = offset + 4;
            _entryLengths[i] = length;
            offset += 4 + length;
        }

        _codes = [];
        _codeKeys = null;
        _texts = [];
        _textsMade = [];
        _verdicts = null;
        _dictionaryVersion = _chunk.DictionaryVersion;
        return count;
    }

    /// <summary>Per dictionary entry: its code in <paramref name="keys"/>, -1 until asked for.</summary>
    private int[] CodesFor(Utf8KeyDictionary keys)
    {
        if (!ReferenceEquals(_codeKeys, keys) || _codes.Length != _entryStarts.Length)
        {
            _codes = new int[_entryStarts.Length];
            Array.Fill(_codes, -1);
            _codeKeys = keys;
        }

        return _codes;
    }

    private SqlValue TextOf(int index)
    {
        if (_texts.Length != _entryStarts.Length)
        {
            _texts = new SqlValue[_entryStarts.Length];
            _textsMade = new bool[_entryStarts.Length];
        }

        if (!_textsMade[index])
        {
            _texts[index] = SqlValue.FromText(Encoding.UTF8.GetString(Entry(index)));
            _textsMade[index] = true;
        }

        return _texts[index];
    }

    /// <summary>Per dictionary entry: whether it passes the filters, all tested once per dictionary page.</summary>
    private bool[] EntryVerdicts()
    {
        var entries = Dictionary();
        if (_verdicts is null)
        {
            _verdicts = new bool[entries];
            for (var i = 0; i < entries; i++)
            {
                _verdicts[i] = PassesAll(Entry(i));
            }
        }

        return _verdicts;
    }

    private void PlainVerdicts(Span<bool> passes)
    {
        for (var j = 0; j < passes.Length; j++)
        {
            if (_seen.Count >= MaxFilteredValues)
            {
                _seen = new Utf8KeyDictionary();
                _seenVerdicts.Clear();
            }

            var bytes = Plain(j);
            var code = _seen.GetOrAdd(bytes);
            if (code == _seenVerdicts.Count)
            {
                _seenVerdicts.Add(PassesAll(bytes));
            }

            passes[j] = _seenVerdicts[code];
        }
    }

    private bool PassesAll(ReadOnlySpan<byte> utf8)
    {
        foreach (var filter in _filters)
        {
            if (!filter.Passes(utf8))
            {
                return false;
            }
        }

        return true;
    }
}
