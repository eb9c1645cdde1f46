using System.Diagnostics;
using Orleans.Runtime;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Output;
using OrleansProc.Client.Telemetry;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Jobs;

/// <summary>Submits jobs, follows them with a progress bar and prints their results.</summary>
internal sealed class JobClient(ClusterConnection cluster, ConsoleContext console)
{
    /// <summary>How often the progress line is refreshed; the end of a job is seen at once (a long poll).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long `job watch` keeps trying while the cluster fails to answer (a silo just died).</summary>
    public static readonly TimeSpan UnreachableLimit = TimeSpan.FromSeconds(60);

    private readonly ProgressReporter _progress = console.CreateProgress();

    /// <summary>Submits, then either prints the job id (detached) or follows the job to its result.</summary>
    public async Task<int> RunAsync(JobSpec spec, OutputFormat format, bool detach, CancellationToken cancellationToken)
    {
        var jobId = new JobIdGenerator(console.Time).Next();
        using var span = ClientTelemetry.StartJob(jobId, detach ? "submit" : "run");
        var started = console.Time.GetTimestamp();
        // Not cancelled by Ctrl+C: once sent, the job may run, and then its id must be printed.
        var outcome = await Job(jobId).SubmitAsync(spec, CancellationToken.None);
        if (!outcome.Accepted)
        {
            console.Error.Write(SubmitErrors.Describe(outcome, spec.Kind == JobKind.Query ? spec.Sql : null));
            return SubmitErrors.ExitCode(outcome);
        }

        if (detach)
        {
            console.Out.WriteLine(jobId);
            if (console.ErrorIsTerminal)
            {
                console.Error.WriteLine($"job {jobId} goes on; ./orleansproc job watch {jobId}");
            }

            return ExitCodes.Success;
        }

        return await AttachAsync(jobId, format, started, cancellationToken);
    }

    /// <summary>Follows a job with the progress bar to its end, then prints its result (exit 0) or its failure (exit 1).</summary>
    public async Task<int> AttachAsync(string jobId, OutputFormat format, long? startedTimestamp, CancellationToken cancellationToken)
    {
        using var span = Activity.Current is null ? ClientTelemetry.StartJob(jobId, "watch") : null;
        JobStatus status;
        try
        {
            status = await FollowAsync(jobId, startedTimestamp, cancellationToken);
        }
        catch (OperationCanceledException) when (console.Interrupt.IsCancellationRequested)
        {
            _progress.Clear();
            console.Error.WriteLine($"job {jobId} goes on; ./orleansproc job watch {jobId}");
            return ExitCodes.Interrupted;
        }
        catch
        {
            _progress.Clear(); // the error line that follows starts on a clean line
            throw;
        }

        var elapsed = startedTimestamp is { } started ? console.Time.GetElapsedTime(started) : Elapsed(status);
        return await FinishAsync(status, format, elapsed, cancellationToken);
    }

    /// <summary>Prints the stored result of a finished job (or why there is none).</summary>
    public async Task<int> PrintResultAsync(string jobId, OutputFormat format, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(jobId, cancellationToken);
        if (!status.IsFinished)
        {
            throw new CommandException($"job {jobId} has no result yet (it is {ProgressLine.State(status.State)}): ./orleansproc job watch {jobId}", ExitCodes.Failure);
        }

        return await FinishAsync(status, format, Elapsed(status), cancellationToken);
    }

    public async Task<JobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken) =>
        await Job(jobId).GetStatusAsync(cancellationToken) is { State: not JobState.None } status
            ? status
            : throw NoSuchJob(jobId);

    private async Task<int> FinishAsync(JobStatus status, OutputFormat format, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        switch (status.State)
        {
            case JobState.Completed:
                var result = await Job(status.JobId).GetResultAsync(cancellationToken)
                    ?? throw new CommandException($"job {status.JobId} completed but its result is missing", ExitCodes.Failure);
                if (result.ResultBlob is { } blob)
                {
                    result = await ResultBlobReader.ReadAsync(cluster.Blobs, blob, cancellationToken); // too large for one message
                }

                new ResultPrinter(console).Print(result, format, elapsed);
                return ExitCodes.Success;
            case JobState.Cancelled:
                throw new CommandException($"job {status.JobId} was cancelled", ExitCodes.Failure);
            default:
                throw new CommandException($"job {status.JobId} failed: {status.Error ?? "no reason given"}", ExitCodes.Failure);
        }
    }

    private async Task<JobStatus> FollowAsync(string jobId, long? startedTimestamp, CancellationToken cancellationToken)
    {
        long? failingSince = null;
        while (true)
        {
            JobStatus status;
            try
            {
                // A long poll: returns at once when the job ends, else after one progress interval.
                status = await Job(jobId).WaitForStatusAsync(PollInterval, cancellationToken) is { State: not JobState.None } current
                    ? current
                    : throw NoSuchJob(jobId);
                failingSince = null;
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException)
            {
                // A silo just died: calls to it fail until the cluster declares it dead and the job's coordinator
                // re-activates elsewhere. Keep following for a while rather than leave the user with an error.
                failingSince ??= console.Time.GetTimestamp();
                if (console.Time.GetElapsedTime(failingSince.Value) > UnreachableLimit)
                {
                    throw;
                }

                await Task.Delay(PollInterval * 5, console.Time, cancellationToken);
                continue;
            }

            var elapsed = startedTimestamp is { } started ? console.Time.GetElapsedTime(started) : Elapsed(status);
            var line = ProgressLine.Format(status, elapsed);
            if (status.IsFinished)
            {
                _progress.Complete(line);
                return status;
            }

            _progress.Report(line);
        }
    }

    /// <summary>A job's run time by the cluster's clock: submit to finish, or to now while it runs.</summary>
    private TimeSpan Elapsed(JobStatus status)
    {
        if (status.SubmittedAt == default)
        {
            return TimeSpan.Zero;
        }

        var end = status.FinishedAt ?? console.Time.GetUtcNow();
        var elapsed = end - status.SubmittedAt;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }

    private static CommandException NoSuchJob(string jobId) => CommandException.Usage($"no job with id '{jobId}' (see: ./orleansproc job list)");

    private IJobGrain Job(string jobId) => cluster.Client.GetGrain<IJobGrain>(jobId);
}
