using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs.Retention;

/// <summary>
/// The cluster's retention sweep (key 0), woken by a reminder every <see cref="JobRetentionOptions.SweepPeriod"/>. A job
/// is a candidate when its first plan blob was written before the cutoff (a job finishes after it is planned); each
/// candidate's coordinator then deletes it only if it finished before the cutoff and is not running.
/// </summary>
public sealed partial class JobRetentionGrain(
    BlobStore store,
    IOptions<JobRetentionOptions> options,
    TimeProvider time,
    ILogger<JobRetentionGrain> logger) : Grain, IJobRetentionGrain, IRemindable
{
    private const string SweepReminder = "retention-sweep";
    private const string PlanSuffix = "/plan.json";

    public async Task ScheduleAsync(CancellationToken cancellationToken = default) =>
        await this.RegisterOrUpdateReminder(SweepReminder, options.Value.SweepPeriod, options.Value.SweepPeriod, cancellationToken);

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await SweepAsync(time.GetUtcNow());

    public async Task<IReadOnlyList<string>> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var cutoff = now - options.Value.Retention;
        await store.EnsureContainersAsync(cancellationToken);
        var candidates = (await store.ListAsync(store.Jobs, string.Empty, cancellationToken))
            .Where(b => b.Name.EndsWith(PlanSuffix, StringComparison.Ordinal) && b.Name.IndexOf('/', StringComparison.Ordinal) == b.Name.Length - PlanSuffix.Length)
            .Where(b => b.Properties.LastModified is { } written && written < cutoff)
            .Select(b => b.Name[..^PlanSuffix.Length])
            .ToList();
        var deleted = new List<string>();
        foreach (var jobId in candidates)
        {
            try
            {
                if (await GrainFactory.GetGrain<IJobGrain>(jobId).DeleteAsync(cutoff, cancellationToken) == JobDeletion.Deleted)
                {
                    deleted.Add(jobId);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDeleteFailed(logger, e, jobId); // the next sweep tries again
            }
        }

        LogSwept(logger, candidates.Count, deleted.Count, cutoff);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep: {Candidates} jobs planned before {Cutoff:O}, {Deleted} deleted")]
    private static partial void LogSwept(ILogger logger, int candidates, int deleted, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep: deleting job {JobId} failed; the next sweep tries again")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string jobId);
}
