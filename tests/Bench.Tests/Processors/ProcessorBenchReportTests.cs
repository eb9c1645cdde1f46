using OrleansProc.Bench.Processors;

namespace OrleansProc.Bench.Tests.Processors;

public sealed class ProcessorBenchReportTests
{
    private static readonly IReadOnlyList<ProcessorBenchConfiguration> Local = ProcessorBenchConfiguration.Local(2);
    private static readonly IReadOnlyList<ProcessorBenchConfiguration> TwoSilos = ProcessorBenchConfiguration.TwoSilos(2);

    [Fact]
    public void Recommendations_ManySlotsAsFast_CpuBoundAndProcessCheap()
    {
        var rows = LocalRows(oneAtATime: 20, threads: 10, manyThreads: 10.1, processes: 10.5, manyProcesses: 11);

        var lines = ProcessorBenchReport.Recommendations(rows);

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("The processor is CPU-bound: slots = cores is enough (2.0x over one at a time; many slots 2.0x)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("--isolation process costs 5 % of wall time here (10.50 s against 10.00 s): use it", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Recommendations_ManySlotsMuchFaster_WaitsAndProcessCostly()
    {
        var rows = LocalRows(oneAtATime: 10, threads: 5, manyThreads: 1, processes: 5, manyProcesses: 2.5);

        var lines = ProcessorBenchReport.Recommendations(rows);

        Assert.StartsWith("The processor waits (I/O): more slots than cores pay (10.0x with 16 slots against 2.0x with slots = cores)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("--isolation process costs 150 % of wall time here (2.50 s against 1.00 s, the records cross a pipe)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Recommendations_TwoSilosNoFaster_IsolationNotSpeed()
    {
        var rows = LocalRows(oneAtATime: 20, threads: 10, manyThreads: 10, processes: 10, manyProcesses: 10)
            .Append(Row(TwoSilos[0], 11, 20)).Append(Row(TwoSilos[1], 12, 20)).ToList();

        var lines = ProcessorBenchReport.Recommendations(rows);

        Assert.Equal(3, lines.Count);
        Assert.StartsWith("Two silos on this machine: 0.91x one process with slots = cores (11.00 s against 10.00 s", lines[2], StringComparison.Ordinal);
        Assert.Contains("buys isolation, not speed", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Recommendations_TwoSilosFaster_Pays()
    {
        var rows = LocalRows(oneAtATime: 20, threads: 10, manyThreads: 10, processes: 10, manyProcesses: 10)
            .Append(Row(TwoSilos[0], 5, 20)).ToList();

        var lines = ProcessorBenchReport.Recommendations(rows);

        Assert.StartsWith("Two silos on this machine: 2.00x one process with slots = cores (5.00 s against 10.00 s): a second silo pays here", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Text_RowsNotesAndBreakdowns_TableThenLines()
    {
        var rows = new List<ProcessorBenchRow>
        {
            new(Local[0], 20, 1, 19.5, 88, 0, 1),
            new(Local[3], 10, 2, 20.24, 116, 70, 3),
            new(TwoSilos[1], 12.5, 1.6, 21, 260, 81, 6, "two silos ...: CPU s: silos 10 + 11"),
        };

        var text = ProcessorBenchReport.Text(rows, ["a note"], ["a recommendation"]).Split('\n');

        Assert.Equal(
        [
            "| configuration | seconds | speed-up vs one at a time | CPU seconds | peak memory: host / each worker | processes |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            "| one partition at a time (thread) | 20.00 | 1.00x | 19.5 | 88 MB / - | 1 |",
            "| process, slots = cores (2) | 10.00 | 2.00x | 20.2 | 116 MB / 70 MB | 3 |",
            "| two silos, slots = cores each (2 x 2, process) | 12.50 | 1.60x | 21.0 | 260 MB / 81 MB | 6 |",
            "- a note",
            "- two silos ...: CPU s: silos 10 + 11",
            "- a recommendation",
        ], text.Select(l => l.TrimEnd('\r')));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1.5)]
    [InlineData(2.0)]
    public void LoadNote_NoMoreLoadThanCores_None(double? load)
    {
        Assert.Null(ProcessorBenchReport.LoadNote(load, 2));
    }

    [Fact]
    public void LoadNote_BusierThanCores_SaysSoWithTheLoad()
    {
        var note = ProcessorBenchReport.LoadNote(45.61, 2);

        Assert.StartsWith("The machine was busy: load average up to 45.6 on 2 cores during these runs", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Configurations_TwoCores_SlotsAndSilos()
    {
        Assert.Equal([1, 2, 16, 2, 16], Local.Select(c => c.Slots));
        Assert.All(Local, c => Assert.False(c.OnSilos));
        Assert.All(TwoSilos, c => Assert.Equal((2, 2), (c.Silos, c.Slots)));
        Assert.Equal([Engine.Pipeline.ProcessorIsolation.Thread, Engine.Pipeline.ProcessorIsolation.Process], TwoSilos.Select(c => c.Isolation));
    }

    private static List<ProcessorBenchRow> LocalRows(double oneAtATime, double threads, double manyThreads, double processes, double manyProcesses) =>
    [
        Row(Local[0], oneAtATime, oneAtATime),
        Row(Local[1], threads, oneAtATime),
        Row(Local[2], manyThreads, oneAtATime),
        Row(Local[3], processes, oneAtATime),
        Row(Local[4], manyProcesses, oneAtATime),
    ];

    private static ProcessorBenchRow Row(ProcessorBenchConfiguration configuration, double seconds, double oneAtATime) =>
        new(configuration, seconds, oneAtATime / seconds, seconds, 100, 0, 1);
}
