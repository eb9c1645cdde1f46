using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.WordCount;

/// <summary>
/// Word counts of one partition, keyed by the words' lowercased UTF-8 bytes (<see cref="Utf8WordCounts"/>): no string
/// per word, and none per value read as UTF-8. Holds at most the processor's <see cref="WordCountProcessor.MaxWords"/>
/// distinct words: a new word past it throws.
/// </summary>
internal sealed class WordCountPartial : IPartial, IUtf8ColumnSink
{
    /// <summary>For each ASCII byte, its lowercase letter, or 0 when it is not a letter.</summary>
    private static readonly byte[] s_asciiLetters = CreateAsciiLetters();

    private readonly Utf8WordCounts _words = new();
    private readonly int _column;
    private readonly int _maxWords;

    /// <summary>The value being split, lowercased in place block by block, with 32 zero bytes after it.</summary>
    private byte[] _value = new byte[256];

    /// <summary>The word being built by the general (non-ASCII) path, with room for 8 bytes more.</summary>
    private byte[] _word = new byte[64];

    /// <summary>A row's text as UTF-8 (<see cref="Accept"/>).</summary>
    private byte[] _encoded = [];

    public WordCountPartial(WordCountProcessor processor)
    {
        Processor = processor;
        _column = processor.ColumnOrdinal;
        _maxWords = processor.MaxWords;
    }

    public WordCountProcessor Processor { get; }

    public int Utf8Column => _column;

    /// <summary>
    /// Counts the words of one value given as UTF-8, the same words <see cref="Accept"/> counts in its string. 32 bytes
    /// at a time while they are ASCII: lowercased and tested for letters as one vector, the words found from the
    /// edges of the letter mask. From the first block holding a non-ASCII byte on, character by character: ASCII
    /// bytes through a table, other characters decoded, lowercased, tested and encoded again as UTF-8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AcceptUtf8(ReadOnlySpan<byte> value)
    {
        var length = value.Length;
        if (length == 0)
        {
            return;
        }

        if (_value.Length < length + Vector256<byte>.Count)
        {
            _value = new byte[Math.Max(length + Vector256<byte>.Count, _value.Length * 2)];
        }

        var buffer = _value;
        value.CopyTo(buffer);
        buffer.AsSpan(length, Vector256<byte>.Count).Clear();
        ref var origin = ref MemoryMarshal.GetArrayDataReference(buffer);
        var upperA = Vector256.Create((byte)'A');
        var lowerA = Vector256.Create((byte)'a');
        var letterSpan = Vector256.Create((byte)('z' - 'a'));
        var caseBit = Vector256.Create((byte)0x20);
        var wordStart = -1;
        for (var block = 0; block < length; block += Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref origin, (nuint)block);
            if (v.ExtractMostSignificantBits() != 0)
            {
                AcceptGeneral(value, block, wordStart);
                return;
            }

            var lower = v | (Vector256.LessThanOrEqual(v - upperA, letterSpan) & caseBit);
            lower.StoreUnsafe(ref origin, (nuint)block);
            var letters = Vector256.LessThanOrEqual(lower - lowerA, letterSpan).ExtractMostSignificantBits();

            // A bit of edges marks a byte whose letterness differs from the byte before it: a word's start or end.
            var edges = letters ^ ((letters << 1) | (wordStart >= 0 ? 1u : 0u));
            while (edges != 0)
            {
                var at = block + System.Numerics.BitOperations.TrailingZeroCount(edges);
                edges &= edges - 1;
                if (wordStart < 0)
                {
                    wordStart = at;
                }
                else
                {
                    Add(ref Unsafe.Add(ref origin, wordStart), at - wordStart);
                    wordStart = -1;
                }
            }
        }

        // The zero bytes after the value end a word in its last block, unless the value ends at a block's end.
        if (wordStart >= 0)
        {
            Add(ref Unsafe.Add(ref origin, wordStart), length - wordStart);
        }
    }

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        var value = row[_column];
        if (value.IsNull)
        {
            return;
        }

        var text = value.Type == SqlType.Varchar ? value.Text : value.ToInvariantString() ?? string.Empty;
        var size = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_encoded.Length < size)
        {
            _encoded = new byte[size];
        }

        // A lone surrogate becomes U+FFFD, which is not a letter: the words are those of the string's characters.
        AcceptUtf8(_encoded.AsSpan(0, Encoding.UTF8.GetBytes(text, _encoded)));
    }

    public void Merge(IPartial other)
    {
        if (other is not WordCountPartial o || !ReferenceEquals(o.Processor, Processor))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(other));
        }

        if (ReferenceEquals(o, this))
        {
            throw new ArgumentException("a partial cannot be merged into itself", nameof(other));
        }

        var words = o._words;
        for (var slot = 0; slot < words.SlotCount; slot++)
        {
            if (words.TryGetSlot(slot, out var word, out var count) && _words.Add(word, count))
            {
                CheckLimit();
            }
        }
    }

    public void WriteTo(Stream destination)
    {
        // The format of BinaryWriter.Write(string): the UTF-8 length, then the bytes.
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, PartialFormat.WordCountKind);
        writer.Write7BitEncodedInt(_words.Count);
        for (var slot = 0; slot < _words.SlotCount; slot++)
        {
            if (_words.TryGetSlot(slot, out var word, out var count))
            {
                writer.Write7BitEncodedInt(word.Length);
                writer.Write(word);
                writer.Write7BitEncodedInt64(count);
            }
        }
    }

    public void Complete()
    {
    }

    /// <summary>Every word (decoded from its UTF-8 bytes) and its count.</summary>
    public Dictionary<string, long> WordCounts()
    {
        var counts = new Dictionary<string, long>(_words.Count, StringComparer.Ordinal);
        for (var slot = 0; slot < _words.SlotCount; slot++)
        {
            if (_words.TryGetSlot(slot, out var word, out var count))
            {
                counts.Add(Encoding.UTF8.GetString(word), count);
            }
        }

        return counts;
    }

    internal void Read(Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, PartialFormat.WordCountKind);
        var count = reader.Read7BitEncodedInt();
        if (count > _maxWords)
        {
            throw Processor.TooManyWords();
        }

        for (var i = 0; i < count; i++)
        {
            var word = reader.ReadString();
            _words.Add(Encoding.UTF8.GetBytes(word), reader.Read7BitEncodedInt64());
        }
    }

    /// <summary>
    /// The rest of a value from <paramref name="from"/>, character by character; <paramref name="wordStart"/> is the
    /// start of a word in progress (its bytes before <paramref name="from"/> already lowercased in the value buffer), or -1.
    /// </summary>
    private void AcceptGeneral(ReadOnlySpan<byte> value, int from, int wordStart)
    {
        var letters = s_asciiLetters;
        var word = _word;
        var length = 0;
        if (wordStart >= 0)
        {
            length = from - wordStart;
            if (length + 12 > word.Length)
            {
                _word = word = new byte[Math.Max(length + 12, word.Length * 2)];
            }

            _value.AsSpan(wordStart, length).CopyTo(word);
        }

        var i = from;
        while (i < value.Length)
        {
            if (length + 12 > word.Length)
            {
                Array.Resize(ref _word, word.Length * 2);
                word = _word;
            }

            var b = value[i];
            if (b < 0x80)
            {
                i++;
                var c = letters[b];
                if (c != 0)
                {
                    word[length++] = c;
                }
                else if (length > 0)
                {
                    Add(ref word[0], length);
                    length = 0;
                }

                continue;
            }

            if (Rune.DecodeFromUtf8(value[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            i += consumed;
            var lower = Rune.ToLowerInvariant(rune);
            if (Rune.IsLetter(lower))
            {
                length += lower.EncodeToUtf8(word.AsSpan(length));
            }
            else if (length > 0)
            {
                Add(ref word[0], length);
                length = 0;
            }
        }

        if (length > 0)
        {
            Add(ref word[0], length);
        }
    }

    /// <summary>Counts the word of <paramref name="length"/> bytes at <paramref name="start"/>, 8 readable bytes after its start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(ref byte start, int length)
    {
        if (_words.Add(ref start, length, 1))
        {
            CheckLimit();
        }
    }

    /// <summary>Fails once a new word has taken the partial past its limit.</summary>
    private void CheckLimit()
    {
        if (_words.Count > _maxWords)
        {
            throw Processor.TooManyWords();
        }
    }

    private static byte[] CreateAsciiLetters()
    {
        var table = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = (byte)c;
            table[char.ToUpperInvariant(c)] = (byte)c;
        }

        return table;
    }
}
