using System.Runtime.InteropServices;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.WordCount;

/// <summary>
/// Word counts of one partition. Words already seen are looked up by span, so counting them allocates nothing.
/// Holds at most the processor's <see cref="WordCountProcessor.MaxWords"/> distinct words: a new word past it throws.
/// </summary>
internal sealed class WordCountPartial : IPartial, IUtf8ColumnSink
{
    /// <summary>For each ASCII byte, its lowercase letter, or 0 when it is not a letter.</summary>
    private static readonly char[] s_asciiLetters = CreateAsciiLetters();

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _column;
    private readonly int _maxWords;
    private char[] _word = new char[64];

    public WordCountPartial(WordCountProcessor processor)
    {
        Processor = processor;
        _column = processor.ColumnOrdinal;
        _maxWords = processor.MaxWords;
        _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public WordCountProcessor Processor { get; }

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public int Utf8Column => _column;

    /// <summary>
    /// Counts the words of one value given as UTF-8, the same words <see cref="Accept"/> counts in its string: ASCII
    /// bytes through a table, other characters decoded, lowercased and tested one by one.
    /// </summary>
    public void AcceptUtf8(ReadOnlySpan<byte> value)
    {
        var letters = s_asciiLetters;
        var word = _word;
        var length = 0;
        var i = 0;
        while (i < value.Length)
        {
            var b = value[i];
            if (b < 0x80)
            {
                i++;
                var c = letters[b];
                if (c != 0)
                {
                    if (length == word.Length)
                    {
                        Array.Resize(ref _word, word.Length * 2);
                        word = _word;
                    }

                    word[length++] = c;
                }
                else if (length > 0)
                {
                    Add(word.AsSpan(0, length));
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
                if (length + 2 > word.Length)
                {
                    Array.Resize(ref _word, word.Length * 2);
                    word = _word;
                }

                length += lower.EncodeToUtf16(word.AsSpan(length));
            }
            else if (length > 0)
            {
                Add(word.AsSpan(0, length));
                length = 0;
            }
        }

        if (length > 0)
        {
            Add(word.AsSpan(0, length));
        }
    }

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        var value = row[_column];
        if (value.IsNull)
        {
            return;
        }

        CountWords(value.Type == SqlType.Varchar ? value.Text : value.ToInvariantString() ?? string.Empty);
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

        foreach (var (word, count) in o._counts)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, word, out var exists);
            slot += count;
            if (!exists)
            {
                CheckLimit();
            }
        }
    }

    public void WriteTo(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, PartialFormat.WordCountKind);
        writer.Write7BitEncodedInt(_counts.Count);
        foreach (var (word, count) in _counts)
        {
            writer.Write(word);
            writer.Write7BitEncodedInt64(count);
        }
    }

    public void Complete()
    {
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
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, word, out _);
            slot += reader.Read7BitEncodedInt64();
        }
    }

    private void CountWords(string text)
    {
        var length = 0;
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            span = span[consumed..];
            var lower = Rune.ToLowerInvariant(rune);
            if (Rune.IsLetter(lower))
            {
                if (length + 2 > _word.Length)
                {
                    Array.Resize(ref _word, _word.Length * 2);
                }

                length += lower.EncodeToUtf16(_word.AsSpan(length));
            }
            else if (length > 0)
            {
                Add(_word.AsSpan(0, length));
                length = 0;
            }
        }

        if (length > 0)
        {
            Add(_word.AsSpan(0, length));
        }
    }

    private void Add(ReadOnlySpan<char> word)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, word, out var exists);
        slot++;
        if (!exists)
        {
            CheckLimit();
        }
    }

    /// <summary>Fails once a new word has taken the partial past its limit.</summary>
    private void CheckLimit()
    {
        if (_counts.Count > _maxWords)
        {
            throw Processor.TooManyWords();
        }
    }

    private static char[] CreateAsciiLetters()
    {
        var table = new char[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = c;
            table[char.ToUpperInvariant(c)] = c;
        }

        return table;
    }
}
