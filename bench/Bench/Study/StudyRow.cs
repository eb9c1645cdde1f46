namespace OrleansProc.Bench.Study;

/// <summary>One line of the study's table: a job run one way, its best time, its speed-up over one partition at a time, and the peak memory per process.</summary>
internal sealed record StudyRow(string Job, string Configuration, double Seconds, double SpeedUp, double PeakMegabytesPerProcess, int Processes);
