namespace OrleansProc.Bench.Study;

/// <summary>
/// One line of the study's table: a job run one way, its best time, its speed-up over one partition at a time, the
/// CPU seconds its processes used in that run (the silos' include their idle background work), and the peak memory per process.
/// </summary>
internal sealed record StudyRow(string Job, string Configuration, double Seconds, double SpeedUp, double CpuSeconds, double PeakMegabytesPerProcess, int Processes);
