using BenchmarkDotNet.Attributes;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;
using OrleansProc.Engine.WordCount;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>Word splitting and counting of the sample's comments: from the UTF-8 bytes (the scan's path) and from strings.</summary>
[MemoryDiagnoser]
public class WordSplittingBenchmarks
{
    private byte[][] _comments = [];
    private SqlValue[][] _rows = [];
    private IPartitionProcessor _processor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sample = SalesSample.Instance;
        _comments = [.. sample.Comments];
        _rows = [.. _comments.Select(c =>
        {
            var row = new SqlValue[sample.Schema.Count];
            row[6] = SqlValue.FromText(System.Text.Encoding.UTF8.GetString(c));
            return row;
        })];
        _processor = WordCountProcessor.Create(sample.Schema, "comment", 20);
    }

    [Benchmark(Baseline = true)]
    public int FromUtf8()
    {
        var partial = (WordCountPartial)_processor.CreatePartial();
        foreach (var comment in _comments)
        {
            partial.AcceptUtf8(comment);
        }

        return partial.WordCounts().Count;
    }

    [Benchmark]
    public int FromStrings()
    {
        var partial = (WordCountPartial)_processor.CreatePartial();
        foreach (var row in _rows)
        {
            partial.Accept(row);
        }

        return partial.WordCounts().Count;
    }
}
