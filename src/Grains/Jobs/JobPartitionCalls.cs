using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Jobs.Coordination;
using OrleansProc.Grains.Telemetry;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// A coordinator's calls to the partition grains of its job, one activation per attempt (<c>{job}/{index}/{attempt}</c>),
/// each bounded by a timeout so that a silo that does not answer is not waited on. Failures are returned, not thrown.
/// </summary>
/// <param name="grains">The grain factory.</param>
/// <param name="jobId">The job.</param>
/// <param name="startTimeout">How long a start call may take (<see cref="JobOptions.CallTimeout"/>).</param>
public sealed class JobPartitionCalls(IGrainFactory grains, string jobId, TimeSpan startTimeout)
{
    /// <summary>How long a liveness check or a stop waits for the partition's answer.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Starts an attempt, in a dispatch span under the job's trace: its failure, or null.</summary>
    public async Task<Exception?> StartAsync(PartitionAssignment assignment, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        using var span = OrleansProcActivities.StartDispatch(jobId, assignment.Index, assignment.Attempt, traceParent);
        return await CallFailures.OfAsync(() => Grain(assignment.Index, assignment.Attempt).StartAsync(assignment).WaitAsync(startTimeout));
    }

    /// <summary>Whether an attempt still runs, as its grain answers; null when it does not answer (its silo may be dead).</summary>
    public async Task<(PartitionAttempt Check, bool? Running)> IsRunningAsync(PartitionAttempt check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var running = false;
        var failure = await CallFailures.OfAsync(async () => running = await Grain(check.Index, check.Attempt).IsRunningAsync(check.Attempt).WaitAsync(AnswerTimeout));
        return (check, failure is null ? running : null);
    }

    /// <summary>Tells an attempt to stop: the failure, or null.</summary>
    public Task<Exception?> StopAsync(PartitionAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return CallFailures.OfAsync(() => Grain(attempt.Index, attempt.Attempt).StopAsync().WaitAsync(AnswerTimeout));
    }

    private IPartitionGrain Grain(int index, int attempt) => grains.GetGrain<IPartitionGrain>($"{jobId}/{index}/{attempt}");
}
