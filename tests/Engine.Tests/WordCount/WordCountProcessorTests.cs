using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;
using OrleansProc.Engine.Tests.Sql;
using OrleansProc.Engine.WordCount;

namespace OrleansProc.Engine.Tests.WordCount;

public sealed class WordCountProcessorTests
{
    private static readonly TableSchema Schema = QueryRunner.MakeSchema(("id", SqlType.BigInt), ("Line", SqlType.Varchar));

    private static SqlValue[] Row(string? text) => [SqlValue.FromInt64(1), text is null ? SqlValue.Null : SqlValue.FromText(text)];

    private static (string Word, long Count)[] Top(ResultTable result) =>
        result.Rows.Select(r => (r[0].Text, r[1].Int64)).ToArray();

    /// <summary>200 lines of up to 6 words each, drawn from 120 words of two letters (mixed case) separated by spaces or commas.</summary>
    private static string[] RandomLines(int seed)
    {
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 120).Select(i => $"{(char)('a' + (i / 26))}{(char)((i % 3 == 0 ? 'A' : 'a') + (i % 26))}").ToArray();
        return Enumerable.Range(0, 200)
            .Select(_ => string.Join(random.Next(2) == 0 ? " " : ", ", Enumerable.Range(0, random.Next(0, 7)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))
            .ToArray();
    }

    /// <summary>Every word's count, in the result's order (highest first, then by word).</summary>
    private static (string Word, long Count)[] ExpectedCounts(IEnumerable<string> lines) =>
        lines
            .SelectMany(l => l.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(w => w.ToLowerInvariant())
            .Select(g => (Word: g.Key, Count: (long)g.Count()))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Word, StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Finish_CountsLowercasedLetterRuns_TiesByWordOrdinal()
    {
        var processor = WordCountProcessor.Create(Schema, "line", 10);

        var result = QueryRunner.Run(processor, [Row("The cat, the DOG; the-cat's 42 dogs"), Row(null), Row(""), Row("dog")]);

        Assert.Equal([("the", 3L), ("cat", 2L), ("dog", 2L), ("dogs", 1L), ("s", 1L)], Top(result));
        Assert.Equal(["word", "count"], result.Columns.Select(c => c.Name));
        Assert.Equal([SqlType.Varchar, SqlType.BigInt], result.Columns.Select(c => c.Type));
        Assert.Equal([false, true], processor.NeededColumns);
    }

    [Fact]
    public void Finish_UnicodeLetters_IncludingSurrogatePairs()
    {
        var processor = WordCountProcessor.Create(Schema, "LINE", 10);

        // 𝐀 (U+1D400, a letter outside the BMP) is part of a word; 😀 (not a letter) separates words.
        var result = QueryRunner.Run(processor, [Row("Ünïcödé ÜNÏCÖDÉ 日本語 a𝐀b x😀y")]);

        Assert.Equal([("ünïcödé", 2L), ("a𝐀b", 1L), ("x", 1L), ("y", 1L), ("日本語", 1L)], Top(result));
    }

    [Theory]
    [InlineData("The cat, the DOG; the-cat's 42 dogs")]
    [InlineData("Ünïcödé ÜNÏCÖDÉ 日本語 a𝐀b x😀y ÀÉÎÕÜ straße ΣΊΣΥΦΟΣ")]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword ü")]
    public void AcceptUtf8_CountsTheSameWordsAsAccept(string text)
    {
        var processor = (WordCountProcessor)WordCountProcessor.Create(Schema, "line", 100);
        var fromString = processor.CreatePartial();
        fromString.Accept(Row(text));
        var fromUtf8 = processor.CreatePartial();
        ((OrleansProc.Engine.Io.IUtf8ColumnSink)fromUtf8).AcceptUtf8(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(1, ((OrleansProc.Engine.Io.IUtf8ColumnSink)fromUtf8).Utf8Column);
        Assert.Equal(Top(processor.Finish(fromString)), Top(processor.Finish(fromUtf8)));
    }

    [Fact]
    public void Finish_TopK_KeepsHighestCounts()
    {
        var processor = WordCountProcessor.Create(Schema, "line", 2);

        var result = QueryRunner.Run(processor, [Row("b b b a a c c d")]);

        Assert.Equal([("b", 3L), ("a", 2L)], Top(result));
        Assert.Equal(2, result.TotalRows);
    }

    [Fact]
    public void Merge_RandomPartitions_SameAsLinq()
    {
        var random = new Random(99);
        string[] vocabulary = ["alpha", "Beta", "gamma", "délta", "ε", "zeta", "eta", "theta"];
        var lines = Enumerable.Range(0, 500)
            .Select(_ => string.Join(random.Next(2) == 0 ? " " : ", ", Enumerable.Range(0, random.Next(0, 8)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))
            .ToArray();
        var expected = lines
            .SelectMany(l => l.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(w => w.ToLowerInvariant())
            .Select(g => (Word: g.Key, Count: (long)g.Count()))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Word, StringComparer.Ordinal)
            .Take(5)
            .ToArray();
        var processor = WordCountProcessor.Create(Schema, "line", 5);
        var partials = Enumerable.Range(0, 4).Select(_ => processor.CreatePartial()).ToList();
        foreach (var line in lines)
        {
            partials[random.Next(partials.Count)].Accept(Row(line));
        }

        var merged = QueryRunner.RoundTrip(processor, partials[3]);
        merged.Merge(QueryRunner.RoundTrip(processor, partials[1]));
        partials[0].Merge(partials[2]);
        merged.Merge(QueryRunner.RoundTrip(processor, partials[0]));

        Assert.Equal(expected, Top(processor.Finish(merged)));
    }

    [Fact]
    public void Finish_ExactlyMaxWordsDistinctWords_ExactCounts()
    {
        var lines = RandomLines(seed: 5);
        var expected = ExpectedCounts(lines);
        var processor = WordCountProcessor.Create(Schema, "line", top: 1_000, maxWords: expected.Length);

        var result = QueryRunner.Run(processor, lines.Select(Row));

        Assert.Equal(expected, Top(result));
    }

    [Fact]
    public void Accept_OneWordMoreThanMaxWords_ThrowsNamingTheLimit()
    {
        var partial = WordCountProcessor.Create(Schema, "line", 10, maxWords: 3).CreatePartial();
        partial.Accept(Row("a b, A c a"));

        var e = Assert.Throws<QueryException>(() => partial.Accept(Row("b d")));

        Assert.Contains("the word count makes more than 3 distinct words (--max-groups 3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptUtf8_OneWordMoreThanMaxWords_ThrowsNamingTheLimit()
    {
        var partial = (OrleansProc.Engine.Io.IUtf8ColumnSink)WordCountProcessor.Create(Schema, "line", 10, maxWords: 2).CreatePartial();
        partial.AcceptUtf8("été ÉTÉ x"u8);

        var e = Assert.Throws<QueryException>(() => partial.AcceptUtf8("y"u8));

        Assert.Contains("more than 2 distinct words (--max-groups 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_TwoPartialsExactlyAtMaxWords_ExactCounts()
    {
        var lines = RandomLines(seed: 8);
        var expected = ExpectedCounts(lines);
        var processor = WordCountProcessor.Create(Schema, "line", top: 1_000, maxWords: expected.Length);
        var a = processor.CreatePartial();
        var b = processor.CreatePartial();
        for (var i = 0; i < lines.Length; i++)
        {
            (i % 2 == 0 ? a : b).Accept(Row(lines[i]));
        }

        var merged = QueryRunner.RoundTrip(processor, a);
        merged.Merge(QueryRunner.RoundTrip(processor, b));

        Assert.Equal(expected, Top(processor.Finish(merged)));
    }

    [Fact]
    public void Merge_TwoPartialsTogetherOverMaxWords_ThrowsNamingTheLimit()
    {
        var processor = WordCountProcessor.Create(Schema, "line", 10, maxWords: 4);
        var a = processor.CreatePartial();
        var b = processor.CreatePartial();
        a.Accept(Row("a b c d"));
        b.Accept(Row("c d e"));
        var merged = QueryRunner.RoundTrip(processor, a);

        var e = Assert.Throws<QueryException>(() => merged.Merge(QueryRunner.RoundTrip(processor, b)));

        Assert.Contains("more than 4 distinct words (--max-groups 4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPartial_MoreWordsThanTheReadersLimit_ThrowsNamingTheLimit()
    {
        var partial = WordCountProcessor.Create(Schema, "line", 10).CreatePartial();
        partial.Accept(Row("a b c"));
        using var buffer = new MemoryStream();
        partial.WriteTo(buffer);
        buffer.Position = 0;
        var reader = WordCountProcessor.Create(Schema, "line", 10, maxWords: 2);

        var e = Assert.Throws<QueryException>(() => reader.ReadPartial(buffer));

        Assert.Contains("more than 2 distinct words (--max-groups 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MaxWordsNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WordCountProcessor.Create(Schema, "line", 10, maxWords: 0));
    }

    [Fact]
    public void Create_UnknownColumn_ThrowsWithColumnList()
    {
        var e = Assert.Throws<QueryException>(() => WordCountProcessor.Create(Schema, "text", 10));

        Assert.Contains("unknown column 'text'", e.Message, StringComparison.Ordinal);
        Assert.Contains("columns are: id, Line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TopNotPositive_Throws()
    {
        Assert.Throws<QueryException>(() => WordCountProcessor.Create(Schema, "line", 0));
    }
}
