namespace OrleansProc.Bench.Processors;

/// <summary>One configuration of <c>bench processor</c>: best wall time, speed-up over one partition at a time, CPU and peak memory.</summary>
internal sealed record ProcessorBenchRow(string Configuration, double Seconds, double SpeedUp, double CpuSeconds, double PeakMegabytesHost, double PeakMegabytesWorker, int Processes);
