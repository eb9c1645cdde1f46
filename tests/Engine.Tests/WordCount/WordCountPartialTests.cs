using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Tests.Sql;
using OrleansProc.Engine.WordCount;

namespace OrleansProc.Engine.Tests.WordCount;

/// <summary>
/// The word splitter of <see cref="WordCountPartial.AcceptUtf8"/> (ASCII words from the vector's letter mask, words
/// holding non-ASCII bytes lowercased character by character) against a reference written here: the bytes decoded by
/// <see cref="Encoding.UTF8"/>, then runs of <see cref="Rune.IsLetter"/> in the <see cref="Rune.ToLowerInvariant"/>
/// of each character.
/// </summary>
public sealed class WordCountPartialTests
{
    private static readonly TableSchema Schema = QueryRunner.MakeSchema(("id", SqlType.BigInt), ("line", SqlType.Varchar));

    /// <summary>
    /// Pieces of text the random values are made of: ASCII letters of both cases, digits, punctuation, characters of
    /// two bytes (letters lowercase or not, <c>İ</c>, <c>Ⱥ</c> whose lowercase takes three bytes, the non-letters
    /// <c>°</c>, <c>×</c> and a combining accent), of three (CJK, <c>€</c>, the Kelvin sign that lowercases to
    /// <c>k</c>) and of four (a mathematical letter, an emoji, a Deseret capital), and invalid UTF-8.
    /// </summary>
    private static readonly byte[][] Pieces =
    [
        .. new[]
        {
            "a", "Z", "word", "WORD", "MiXeD", "q", " ", " ", ", ", "-", "'", "42", "\t", "\"",
            "é", "É", "ß", "Σ", "ς", "Ж", "ж", "İ", "Ⱥ", "°", "×", "\u0301", "ÿ", "Ÿ",
            "日", "本", "€", "\u212A", "ⱥ",
            "𝐀", "😀", "\U00010400",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3], [0x80], [0xE6, 0x97], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
    ];

    /// <summary>Characters put at every offset of a long value.</summary>
    public static TheoryData<string> Inserted => new()
    {
        "é", "É", "İ", "Ⱥ", "°", "\u0301", "日", "€", "\u212A", "𝐀", "😀", "\U00010400", "\uFFFD",
    };

    [Fact]
    public void AcceptUtf8_RandomValuesOfMixedScripts_SameWordsAsTheReference()
    {
        var random = new Random(14);
        for (var i = 0; i < 1_500; i++)
        {
            var value = new List<byte>();
            var pieces = random.Next(0, 60);
            for (var p = 0; p < pieces; p++)
            {
                // Mostly ASCII letters, as in real text, so ASCII words and non-ASCII ones mix within a block.
                var piece = random.Next(3) == 0 ? Pieces[random.Next(Pieces.Length)] : Pieces[random.Next(6)];
                value.AddRange(piece);
            }

            AssertSameWords([.. value]);
        }
    }

    [Theory]
    [MemberData(nameof(Inserted))]
    public void AcceptUtf8_OneCharacterAtEveryOffset_SameWordsAsTheReference(string inserted)
    {
        var character = Encoding.UTF8.GetBytes(inserted);
        var letters = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 100).Select(i => (char)((i % 3 == 0 ? 'A' : 'a') + (i % 26)))));
        var spaced = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 100).Select(i => i % 7 == 6 ? ' ' : (char)('a' + (i % 26)))));
        for (var offset = 0; offset <= 100; offset++)
        {
            foreach (var text in new[] { letters, spaced })
            {
                AssertSameWords([.. text.AsSpan(0, offset), .. character, .. text.AsSpan(offset)]);

                // Twice, the second one a block later: a word holding non-ASCII bytes in two blocks.
                AssertSameWords([.. text.AsSpan(0, offset), .. character, .. text.AsSpan(offset, Math.Min(32, 100 - offset)), .. character]);

                // The value ends right after it, at every length.
                AssertSameWords([.. text.AsSpan(0, offset), .. character]);
            }
        }
    }

    [Fact]
    public void AcceptUtf8_WordsEndingAtBlockEdges_CountedOnce()
    {
        foreach (var length in new[] { 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 96 })
        {
            var word = new string('x', length);
            var partial = NewPartial();

            partial.AcceptUtf8(Encoding.UTF8.GetBytes(word));
            partial.AcceptUtf8(Encoding.UTF8.GetBytes($"{word} {word.ToUpperInvariant()}"));
            partial.AcceptUtf8(Encoding.UTF8.GetBytes($"{word}é"));
            partial.AcceptUtf8(Encoding.UTF8.GetBytes($"{word}°{word}"));

            var expected = new Dictionary<string, long> { [word] = 5, [word + "é"] = 1 };
            Assert.Equal(expected, partial.WordCounts());
        }
    }

    [Fact]
    public void AcceptUtf8_VeryLongWords_CountedWhole()
    {
        var ascii = string.Concat(Enumerable.Range(0, 5_000).Select(i => (char)('a' + (i % 26))));
        var accented = ascii[..2_500] + "é" + ascii[2_500..];
        var partial = NewPartial();

        partial.AcceptUtf8(Encoding.UTF8.GetBytes($"{ascii} {ascii.ToUpperInvariant()},{accented}"));
        partial.AcceptUtf8(Encoding.UTF8.GetBytes(accented.ToUpperInvariant() + "Ⱥ"));
        partial.AcceptUtf8(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Ⱥ", 3_000))));

        var expected = new Dictionary<string, long>
        {
            [ascii] = 2,
            [accented] = 1,
            [accented + "ⱥ"] = 1,
            [string.Concat(Enumerable.Repeat("ⱥ", 3_000))] = 1,
        };
        Assert.Equal(expected, partial.WordCounts());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("42, 7 -- ° × \u0301 😀")]
    public void AcceptUtf8_NoLetters_NoWords(string text)
    {
        var partial = NewPartial();

        partial.AcceptUtf8(Encoding.UTF8.GetBytes(text));

        Assert.Empty(partial.WordCounts());
    }

    private static WordCountPartial NewPartial() =>
        (WordCountPartial)((WordCountProcessor)WordCountProcessor.Create(Schema, "line", 10)).CreatePartial();

    private static void AssertSameWords(byte[] value)
    {
        var partial = NewPartial();
        ((IUtf8ColumnSink)partial).AcceptUtf8(value);

        var actual = partial.WordCounts();

        var expected = ReferenceWords(value);
        if (!expected.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(actual.OrderBy(p => p.Key, StringComparer.Ordinal)))
        {
            Assert.Fail($"value {Convert.ToHexString(value)}: expected [{Describe(expected)}], got [{Describe(actual)}]");
        }
    }

    private static Dictionary<string, long> ReferenceWords(byte[] value)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var rune in Encoding.UTF8.GetString(value).EnumerateRunes())
        {
            var lower = Rune.ToLowerInvariant(rune);
            if (Rune.IsLetter(lower))
            {
                word.Append(lower.ToString());
                continue;
            }

            Count(counts, word);
        }

        Count(counts, word);
        return counts;
    }

    private static void Count(Dictionary<string, long> counts, StringBuilder word)
    {
        if (word.Length > 0)
        {
            var text = word.ToString();
            counts[text] = counts.GetValueOrDefault(text) + 1;
            word.Clear();
        }
    }

    private static string Describe(Dictionary<string, long> counts) =>
        string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"));
}
