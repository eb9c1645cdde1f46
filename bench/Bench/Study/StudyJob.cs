using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Bench.Study;

/// <summary>
/// A job of the study: what the cluster runs, the storage latency injected while it runs, and the same work by the
/// Python script with a given number of processes (its rows, peak memory and CPU seconds).
/// </summary>
internal sealed record StudyJob(
    string Name,
    bool IoBound,
    JobSpec Spec,
    TimeSpan Latency,
    Func<int, Task<(List<object?[]> Rows, long PeakBytes, double CpuSeconds)>> Python,
    Func<List<object?[]>, string?> CheckPython);
