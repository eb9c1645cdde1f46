using BenchmarkDotNet.Attributes;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>Record framing: <see cref="CsvTokenizer.Frame"/> over every record of the sample (field bounds, quotes, record ends).</summary>
[MemoryDiagnoser]
public class FramingBenchmarks
{
    private byte[] _body = [];
    private CsvField[] _fields = new CsvField[16];

    [GlobalSetup]
    public void Setup() => _body = SalesSample.Instance.Body;

    [Benchmark]
    public long FrameAllRecords()
    {
        var data = _body.AsSpan();
        long fields = 0;
        while (!data.IsEmpty)
        {
            CsvTokenizer.Frame(data, isFinal: true, ref _fields, out var count, out _, out var length);
            fields += count;
            data = data[length..];
        }

        return fields;
    }

    [Benchmark]
    public int FindRecordEnds()
    {
        var data = _body.AsSpan();
        var records = 0;
        var inQuotes = false;
        int next;
        while ((next = CsvTokenizer.FindRecordEnd(data, ref inQuotes)) > 0)
        {
            records++;
            data = data[next..];
        }

        return records;
    }
}
