using System.Diagnostics.Metrics;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Telemetry;

namespace OrleansProc.Grains.Telemetry;

/// <summary>
/// The instruments of the "OrleansProc" meter: jobs (counted on the silo of their coordinator) and partition
/// attempts, rows and bytes (counted on the silo that ran them). Sums over the silos give the cluster's figures.
/// </summary>
public sealed class OrleansProcMetrics
{
    private readonly Counter<long> _jobsStarted;
    private readonly Counter<long> _jobsCompleted;
    private readonly Counter<long> _jobsFailed;
    private readonly Counter<long> _jobsCancelled;
    private readonly Histogram<double> _jobDuration;
    private readonly UpDownCounter<long> _partitionsRunning;
    private readonly Counter<long> _partitionsDone;
    private readonly Counter<long> _partitionsFailed;
    private readonly Counter<long> _partitionsRetried;
    private readonly Histogram<double> _partitionDuration;
    private readonly Counter<long> _rowsRead;
    private readonly Counter<long> _bytesRead;

    public OrleansProcMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetryNames.Meter);
        _jobsStarted = meter.CreateCounter<long>("orleansproc.jobs.started", "{job}", "Jobs accepted and started");
        _jobsCompleted = meter.CreateCounter<long>("orleansproc.jobs.completed", "{job}", "Jobs that completed with a result");
        _jobsFailed = meter.CreateCounter<long>("orleansproc.jobs.failed", "{job}", "Jobs that failed");
        _jobsCancelled = meter.CreateCounter<long>("orleansproc.jobs.cancelled", "{job}", "Jobs cancelled by a user");
        _jobDuration = meter.CreateHistogram<double>("orleansproc.job.duration", "s", "Time from submit to the end of a job, by outcome");
        _partitionsRunning = meter.CreateUpDownCounter<long>("orleansproc.partitions.running", "{partition}", "Partition attempts running on this silo");
        _partitionsDone = meter.CreateCounter<long>("orleansproc.partitions.done", "{partition}", "Partition attempts that finished and wrote their partial");
        _partitionsFailed = meter.CreateCounter<long>("orleansproc.partitions.failed", "{partition}", "Partition attempts that failed");
        _partitionsRetried = meter.CreateCounter<long>("orleansproc.partitions.retried", "{partition}", "Partitions started again after a failed or lost attempt or a wrong quote-state guess");
        _partitionDuration = meter.CreateHistogram<double>("orleansproc.partition.duration", "s", "Time of one partition attempt, by outcome");
        _rowsRead = meter.CreateCounter<long>("orleansproc.rows.read", "{row}", "Records read by partition attempts");
        _bytesRead = meter.CreateCounter<long>("orleansproc.bytes.read", "By", "Bytes of dataset blobs read by partition attempts");
    }

    public void JobStarted() => _jobsStarted.Add(1);

    public void JobFinished(JobState state, TimeSpan duration)
    {
        var counter = state switch
        {
            JobState.Completed => _jobsCompleted,
            JobState.Cancelled => _jobsCancelled,
            _ => _jobsFailed,
        };
        counter.Add(1);
        _jobDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(TelemetryNames.OutcomeTag, Outcome(state)));
    }

    public void PartitionRetried() => _partitionsRetried.Add(1);

    public void AttemptStarted() => _partitionsRunning.Add(1);

    /// <summary>An attempt ended: succeeded, failed, or stopped (cancelled).</summary>
    public void AttemptFinished(string outcome, TimeSpan duration)
    {
        _partitionsRunning.Add(-1);
        if (outcome == Outcomes.Succeeded)
        {
            _partitionsDone.Add(1);
        }
        else if (outcome == Outcomes.Failed)
        {
            _partitionsFailed.Add(1);
        }

        _partitionDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(TelemetryNames.OutcomeTag, outcome));
    }

    public void Read(long rows, long bytes)
    {
        _rowsRead.Add(rows);
        _bytesRead.Add(bytes);
    }

    private static string Outcome(JobState state) => state switch
    {
        JobState.Completed => Outcomes.Succeeded,
        JobState.Cancelled => Outcomes.Cancelled,
        _ => Outcomes.Failed,
    };
}
