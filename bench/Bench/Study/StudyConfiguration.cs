namespace OrleansProc.Bench.Study;

/// <summary>One way to run a job in the study: how many silo processes, and how many partitions each scans at once (ORLEANSPROC_SLOTS).</summary>
internal sealed record StudyConfiguration(string Name, int Silos, int Slots);
