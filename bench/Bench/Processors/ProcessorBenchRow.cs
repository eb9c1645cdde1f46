namespace OrleansProc.Bench.Processors;

/// <summary>
/// One configuration of <c>bench processor</c>: best wall time, speed-up over one partition at a time, CPU and peak
/// memory (the host: this process, or the largest silo; each worker: the largest worker process), the processes that
/// ran the processor, and for a cluster row where its CPU and memory went, process by process.
/// </summary>
internal sealed record ProcessorBenchRow(
    ProcessorBenchConfiguration Configuration,
    double Seconds,
    double SpeedUp,
    double CpuSeconds,
    double PeakMegabytesHost,
    double PeakMegabytesWorker,
    int Processes,
    string? Breakdown = null);
