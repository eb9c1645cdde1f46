using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs;

/// <summary>A job's status and directory summary from its stored state, as <see cref="IJobGrain.GetStatusAsync"/> and the job directory show them.</summary>
public static class JobStatusView
{
    public static JobStatus From(string jobId, JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var done = job.Partitions.Where(p => p.Status == PartitionStatus.Done).ToList();
        return new JobStatus
        {
            JobId = jobId,
            State = job.State,
            Description = job.Spec?.Describe() ?? string.Empty,
            Dataset = job.Dataset,
            PartitionsTotal = job.Partitions.Count,
            PartitionsDone = done.Count,
            PartitionsRunning = job.Partitions.Count(p => p.Status == PartitionStatus.Running),
            PartitionRetries = job.Retries,
            RowsRead = done.Sum(p => p.Rows),
            BytesRead = done.Sum(p => p.Bytes),
            BytesTotal = job.BytesTotal,
            SubmittedAt = job.SubmittedAt,
            FinishedAt = job.FinishedAt,
            Error = job.Error,
            BadRecords = done.Sum(p => p.BadRecords),
            PartitionsBySilo = done.GroupBy(p => p.Silo).ToDictionary(g => g.Key, g => g.Count()),
        };
    }

    public static JobSummary Summary(string jobId, JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobSummary
        {
            JobId = jobId,
            Description = job.Spec?.Describe() ?? string.Empty,
            State = job.State,
            SubmittedAt = job.SubmittedAt,
            FinishedAt = job.FinishedAt,
        };
    }
}
