using BenchmarkDotNet.Attributes;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>
/// Field parsing, per column of the sample: quantity (BIGINT), amount (DOUBLE, two decimals), country (a VARCHAR
/// group key: interned by bytes, or made a string through the row path's cache).
/// </summary>
[MemoryDiagnoser]
public class FieldParsingBenchmarks
{
    private byte[][] _quantities = [];
    private byte[][] _amounts = [];
    private byte[][] _countries = [];

    [GlobalSetup]
    public void Setup()
    {
        var sample = SalesSample.Instance;
        _quantities = [.. sample.Quantities];
        _amounts = [.. sample.Amounts.Where(a => a.Length > 0)];
        _countries = [.. sample.Countries];
    }

    [Benchmark]
    public long ParseBigInt()
    {
        long sum = 0;
        foreach (var field in _quantities)
        {
            if (FieldParser.TryParseInt64(field, out var value))
            {
                sum += value;
            }
        }

        return sum;
    }

    [Benchmark]
    public double ParseDouble()
    {
        double sum = 0;
        foreach (var field in _amounts)
        {
            if (FieldParser.TryParseDouble(field, out var value))
            {
                sum += value;
            }
        }

        return sum;
    }

    [Benchmark]
    public int InternKeyByBytes()
    {
        var keys = new Utf8KeyDictionary();
        var sum = 0;
        foreach (var field in _countries)
        {
            sum += keys.GetOrAdd(field);
        }

        return sum;
    }

    [Benchmark]
    public int KeyStringThroughCache()
    {
        var cache = new StringCache();
        var sum = 0;
        foreach (var field in _countries)
        {
            FieldParser.TryParse(field, quoted: false, SqlType.Varchar, cache, out var value);
            sum += value.Text.Length;
        }

        return sum;
    }
}
