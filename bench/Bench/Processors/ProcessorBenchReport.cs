using System.Globalization;
using System.Text;
using OrleansProc.Engine.Pipeline;

namespace OrleansProc.Bench.Processors;

/// <summary>The table of <c>bench processor</c>, its notes (where a cluster row's CPU and memory went, or why it was skipped) and its recommendation.</summary>
internal static class ProcessorBenchReport
{
    /// <summary>A second silo on the same machine "pays" when it is at least this much faster than one process with slots = cores.</summary>
    private const double PaysAbove = 1.15;

    /// <summary>The markdown table, then each note and recommendation as a "- " line.</summary>
    public static string Text(IReadOnlyList<ProcessorBenchRow> rows, IReadOnlyList<string> notes, IReadOnlyList<string> recommendations)
    {
        var text = new StringBuilder();
        text.AppendLine("| configuration | seconds | speed-up vs one at a time | CPU seconds | peak memory: host / each worker | processes |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            var worker = r.Configuration.Isolation == ProcessorIsolation.Process ? $"{r.PeakMegabytesWorker:N0} MB" : "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Configuration.Name} | {r.Seconds:N2} | {r.SpeedUp:0.00}x | {r.CpuSeconds:N1} | {r.PeakMegabytesHost:N0} MB / {worker} | {r.Processes} |");
        }

        foreach (var line in notes.Concat(rows.Select(r => r.Breakdown).OfType<string>()).Concat(recommendations))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// A note when the machine was busier than its cores during the runs (the highest one-minute load average seen):
    /// then the wall times, speed-ups and recommendation measure the other work too, the CPU seconds much less.
    /// </summary>
    public static string? LoadNote(double? highestLoadAverage, int cores) =>
        highestLoadAverage is { } load && load > cores
            ? Invariant($"The machine was busy: load average up to {load:0.0} on {cores} cores during these runs, so the wall times, speed-ups and recommendation below reflect the other work too; compare the CPU seconds, and rerun on a quiet machine.")
            : null;

    /// <summary>
    /// What the rows say: CPU-bound or waiting (many thread slots against slots = cores), what process isolation costs
    /// (the best process row against the best thread row), and, when the two-silo rows ran, whether a second silo pays.
    /// </summary>
    public static List<string> Recommendations(IReadOnlyList<ProcessorBenchRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var local = rows.Where(r => !r.Configuration.OnSilos).Skip(1).ToList(); // after one partition at a time
        var threads = Fewest(local, ProcessorIsolation.Thread);
        var manyThreads = Most(local, ProcessorIsolation.Thread);
        var processes = Fewest(local, ProcessorIsolation.Process);
        var manyProcesses = Most(local, ProcessorIsolation.Process);
        var list = new List<string>();
        if (threads is null || manyThreads is null || processes is null || manyProcesses is null)
        {
            return list;
        }

        var bestThread = manyThreads.Seconds < threads.Seconds ? manyThreads : threads;
        var bestProcess = manyProcesses.Seconds < processes.Seconds ? manyProcesses : processes;
        list.Add(manyThreads.Seconds < threads.Seconds * 0.8
            ? Invariant($"The processor waits (I/O): more slots than cores pay ({manyThreads.SpeedUp:0.0}x with {manyThreads.Configuration.Slots} slots against {threads.SpeedUp:0.0}x with slots = cores); raise the silo's slots (ORLEANSPROC_SLOTS) for such jobs.")
            : Invariant($"The processor is CPU-bound: slots = cores is enough ({threads.SpeedUp:0.0}x over one at a time; many slots {manyThreads.SpeedUp:0.0}x)."));
        var cost = (bestProcess.Seconds / bestThread.Seconds) - 1;
        list.Add(cost <= 0.15
            ? Invariant($"--isolation process costs {cost:P0} of wall time here ({bestProcess.Seconds:N2} s against {bestThread.Seconds:N2} s): use it for code you do not fully trust; a crash, hang or leak then stops only its worker.")
            : Invariant($"--isolation process costs {cost:P0} of wall time here ({bestProcess.Seconds:N2} s against {bestThread.Seconds:N2} s, the records cross a pipe): keep thread for trusted code, process for untrusted code."));
        if (rows.FirstOrDefault(r => r.Configuration.OnSilos && r.Configuration.Isolation == ProcessorIsolation.Thread) is { } silos)
        {
            var ratio = threads.Seconds / silos.Seconds;
            list.Add(ratio >= PaysAbove
                ? Invariant($"Two silos on this machine: {ratio:0.00}x one process with slots = cores ({silos.Seconds:N2} s against {threads.Seconds:N2} s): a second silo pays here; on more machines, add silos.")
                : Invariant($"Two silos on this machine: {ratio:0.00}x one process with slots = cores ({silos.Seconds:N2} s against {threads.Seconds:N2} s, submit to result through the cluster): a second silo on the same cores buys isolation, not speed; add silos to add machines."));
        }

        return list;

        static ProcessorBenchRow? Fewest(List<ProcessorBenchRow> rows, ProcessorIsolation isolation) =>
            rows.Where(r => r.Configuration.Isolation == isolation).MinBy(r => r.Configuration.Slots);

        static ProcessorBenchRow? Most(List<ProcessorBenchRow> rows, ProcessorIsolation isolation) =>
            rows.Where(r => r.Configuration.Isolation == isolation).MaxBy(r => r.Configuration.Slots);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
