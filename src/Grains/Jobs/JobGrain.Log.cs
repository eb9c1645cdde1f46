using Microsoft.Extensions.Logging;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs;

// The coordinator's log lines ([LoggerMessage], source-generated).
public sealed partial class JobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} submitted, running over dataset {Dataset}: {Partitions} partitions")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string dataset, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} merging the partials of {Partitions} partitions")]
    private static partial void LogMerging(ILogger logger, string jobId, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resumed from its stored state ({State}): {Done} of {Total} partitions done, {Running} were running")]
    private static partial void LogResumed(ILogger logger, string jobId, JobState state, int done, int total, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ended {State} {Error}")]
    private static partial void LogFinished(ILogger logger, string jobId, JobState state, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index} attempt {Attempt} failed: {Error}; retry in {Delay:F1} s")]
    private static partial void LogAttemptFailed(ILogger logger, string jobId, int index, int attempt, string error, double delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} planned again (re-plan {Replans}, {Partitions} partitions): {Reason}")]
    private static partial void LogReplanned(ILogger logger, string jobId, int replans, int partitions, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} waits to plan again: {Unsettled}")]
    private static partial void LogReplanWaiting(ILogger logger, string jobId, string unsettled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} partition {Index}: wrong quote-state guess, running it again")]
    private static partial void LogQuoteGuessWrong(ILogger logger, string jobId, int index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} partition {Index}: ignored a late report of attempt {Attempt} (the current attempt is {Current})")]
    private static partial void LogStaleReport(ILogger logger, string jobId, int index, int attempt, int current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index}: start failed, will retry")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string jobId, int index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index}: stop failed")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string jobId, int index);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: merge failed")]
    private static partial void LogMergeFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: cleanup failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: storage unreachable while merging, retry in {Delay:F1} s: {Error}")]
    private static partial void LogMergeRetry(ILogger logger, string jobId, double delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: registering the keep-alive reminder failed, will retry: {Error}")]
    private static partial void LogReminderFailed(ILogger logger, string jobId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: saving its state failed, retry in {Delay:F1} s: {Error}")]
    private static partial void LogSaveFailed(ILogger logger, string jobId, double delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: its own state write landed though it seemed to fail ({Error}); writing it again")]
    private static partial void LogStateConflict(ILogger logger, string jobId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: state saved again after {Failures} failed saves")]
    private static partial void LogSavedAgain(ILogger logger, string jobId, int failures);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId}: state saved ({State}), {Done} of {Total} partitions done")]
    private static partial void LogSaved(ILogger logger, string jobId, JobState state, int done, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: recording it in the job directory failed, retry in {Delay:F1} s: {Error}")]
    private static partial void LogDirectoryFailed(ILogger logger, string jobId, double delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: writing its plan blob failed (the job runs from the plan in its state, but the retention sweep will not find it): {Error}")]
    private static partial void LogPlanBlobFailed(ILogger logger, string jobId, string error);
}
