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
    private readonly Utf8WordCounts _words = new();
    private readonly int _column;
    private readonly int _maxWords;

    /// <summary>The value being split, lowercased in place block by block, with 32 zero bytes after it.</summary>
    private byte[] _value = new byte[256];

    /// <summary>The word being built by <see cref="AddNonAscii"/>, with room for its lowercase and 8 bytes more.</summary>
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
    /// at a time: the ASCII letters lowercased as one vector, and the words found from the edges of the mask of the
    /// bytes that may be part of one (the ASCII letters and every non-ASCII byte). A word of ASCII letters only is
    /// counted as it is; one holding a non-ASCII byte goes to <see cref="AddNonAscii"/>, which lowercases and tests its
    /// characters and may split it (a non-ASCII character that is not a letter, such as <c>°</c>, ends a word).
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
        ref var origin = ref MemoryMarshal.GetArrayDataReference(buffer);

        // The 32 zero bytes after the value (the buffer has room for them): one store.
        Vector256<byte>.Zero.StoreUnsafe(ref origin, (nuint)length);
        var upperA = Vector256.Create((byte)'A');
        var lowerA = Vector256.Create((byte)'a');
        var letterSpan = Vector256.Create((byte)('z' - 'a'));
        var caseBit = Vector256.Create((byte)0x20);
        var wordStart = -1;

        // Whether the word in progress has a non-ASCII byte in a block before the current one.
        var wordNonAscii = false;
        for (var block = 0; block < length; block += Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref origin, (nuint)block);

            // A non-ASCII byte is 0x80 or more: v - 'A' is then 0x3F or more, so only 'A' to 'Z' get the case bit.
            var lower = v | (Vector256.LessThanOrEqual(v - upperA, letterSpan) & caseBit);
            lower.StoreUnsafe(ref origin, (nuint)block);
            var nonAscii = v.ExtractMostSignificantBits();
            var letters = Vector256.LessThanOrEqual(lower - lowerA, letterSpan).ExtractMostSignificantBits() | nonAscii;

            // A bit of edges marks a byte whose letterness differs from the byte before it: a word's start or end.
            var edges = letters ^ ((letters << 1) | (wordStart >= 0 ? 1u : 0u));
            while (edges != 0)
            {
                var offset = System.Numerics.BitOperations.TrailingZeroCount(edges);
                edges &= edges - 1;
                var at = block + offset;
                if (wordStart < 0)
                {
                    wordStart = at;
                    continue;
                }

                // The word's bytes in this block lie below the end's offset and from its start on.
                if (wordNonAscii || ((nonAscii & ((1u << offset) - 1)) >> Math.Max(wordStart - block, 0)) != 0)
                {
                    AddNonAscii(wordStart, at);
                }
                else
                {
                    Add(ref Unsafe.Add(ref origin, wordStart), at - wordStart);
                }

                wordStart = -1;
                wordNonAscii = false;
            }

            // The word in progress holds a non-ASCII byte of this block when one lies at or after its start.
            wordNonAscii |= wordStart >= 0 && (nonAscii >> Math.Max(wordStart - block, 0)) != 0;
        }

        // The zero bytes after the value end a word in its last block, unless the value ends at a block's end.
        if (wordStart >= 0)
        {
            if (wordNonAscii)
            {
                AddNonAscii(wordStart, length);
            }
            else
            {
                Add(ref Unsafe.Add(ref origin, wordStart), length - wordStart);
            }
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
    /// Counts the words of the value buffer's bytes <paramref name="start"/> to <paramref name="end"/>: ASCII letters
    /// (already lowercased) and non-ASCII bytes. Each non-ASCII character is decoded (an invalid sequence is U+FFFD),
    /// lowercased and tested (<see cref="TwoByteLetters"/> for those of two bytes, <see cref="Rune"/> for the others):
    /// a letter's lowercase is appended as UTF-8, anything else ends the word.
    /// </summary>
    private void AddNonAscii(int start, int end)
    {
        var source = _value;

        // A lowercase takes at most 3 bytes for a character of 2, 4 for 4; 8 readable bytes after the word for Add.
        var capacity = 2 * (end - start) + 8;
        if (_word.Length < capacity)
        {
            _word = new byte[Math.Max(capacity, _word.Length * 2)];
        }

        var word = _word;
        var length = 0;
        var i = start;
        while (i < end)
        {
            var b = source[i];
            if (b < 0x80)
            {
                word[length++] = b;
                i++;
                continue;
            }

            int encoded;
            if (b is >= 0xC2 and <= 0xDF && i + 1 < end && (source[i + 1] & 0xC0) == 0x80)
            {
                // The packed lowercase's three bytes are written whatever its length: only its length's are kept.
                var packed = TwoByteLetters.Lowercase(((b & 0x1F) << 6) | (source[i + 1] & 0x3F));
                encoded = (int)(packed & 0xFF);
                word[length] = (byte)(packed >> 8);
                word[length + 1] = (byte)(packed >> 16);
                word[length + 2] = (byte)(packed >> 24);
                i += 2;
            }
            else
            {
                encoded = LowercaseLetter(source.AsSpan(i, end - i), out var consumed, word.AsSpan(length));
                i += consumed;
            }

            if (encoded == 0)
            {
                if (length > 0)
                {
                    Add(ref word[0], length);
                    length = 0;
                }

                continue;
            }

            length += encoded;
        }

        if (length > 0)
        {
            Add(ref word[0], length);
        }
    }

    /// <summary>
    /// Decodes the character at the start of <paramref name="utf8"/> (U+FFFD for an invalid sequence) and lowercases
    /// it; when that is a letter, encodes it into <paramref name="destination"/> and answers its UTF-8 length, else 0.
    /// </summary>
    private static int LowercaseLetter(ReadOnlySpan<byte> utf8, out int consumed, Span<byte> destination)
    {
        if (Rune.DecodeFromUtf8(utf8, out var rune, out consumed) != System.Buffers.OperationStatus.Done)
        {
            rune = Rune.ReplacementChar;
            consumed = Math.Max(consumed, 1);
        }

        var lower = Rune.ToLowerInvariant(rune);
        return Rune.IsLetter(lower) ? lower.EncodeToUtf8(destination) : 0;
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
}
