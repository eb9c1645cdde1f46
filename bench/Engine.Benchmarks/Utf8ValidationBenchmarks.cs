using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>UTF-8 validation of the sample (non-ASCII letters in most comments): the scan's validator against the runtime's.</summary>
[MemoryDiagnoser]
public class Utf8ValidationBenchmarks
{
    private byte[] _csv = [];

    [GlobalSetup]
    public void Setup() => _csv = SalesSample.Instance.Csv;

    [Benchmark(Baseline = true)]
    public bool RuntimeIsValid() => Utf8.IsValid(_csv);

    [Benchmark]
    public bool LookupValidator() => Utf8Validator.IsValid(_csv);
}
