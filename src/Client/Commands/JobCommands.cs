using System.CommandLine;
using System.Globalization;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Commands;

/// <summary><c>job list | status ID | watch ID | result ID | cancel ID | delete ID</c>.</summary>
internal static class JobCommands
{
    public static Command Create(ConsoleContext console)
    {
        var command = new DocumentedCommand("job",
            "Look at jobs: list recent ones, show one's status, re-attach to one, print its result, cancel it, or delete it.",
            "./orleansproc job list",
            "./orleansproc job watch j20261125-132820-3f9a2c");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Status(console));
        command.Subcommands.Add(Watch(console));
        command.Subcommands.Add(Result(console));
        command.Subcommands.Add(Cancel(console));
        command.Subcommands.Add(Delete(console));
        return command;
    }

    private static Command List(ConsoleContext console)
    {
        var max = new Option<int>("--max", "-n") { Description = "how many jobs to show (default 20)", DefaultValueFactory = _ => 20 };
        max.AddRange(1, 1000);
        var format = CommonOptions.Format("output format: table, json or csv");
        var command = new DocumentedCommand("list", "List recent jobs, newest first: id, state, when submitted, what.", "./orleansproc job list --max 5") { max, format };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var jobs = await cluster.Client.GetGrain<IJobDirectoryGrain>("default").ListAsync(parsed.GetValue(max), cancellationToken);
                var columns = new ResultColumn[] { new("id", "VARCHAR"), new("state", "VARCHAR"), new("submitted", "TIMESTAMP"), new("finished", "TIMESTAMP"), new("description", "VARCHAR") };
                var rows = jobs.Select(j => (IReadOnlyList<string?>)[
                    j.JobId,
                    ProgressLine.State(j.State),
                    Timestamp(j.SubmittedAt),
                    j.FinishedAt is { } finished ? Timestamp(finished) : null,
                    Cli.ConsoleContext.OneLine(j.Description)]).ToList();
                ResultWriters.For(parsed.GetValue(format)).Write(console.Out, columns, rows);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command Status(ConsoleContext console)
    {
        var id = CommonOptions.JobId();
        var command = new DocumentedCommand("status", "Show a job's state, partitions, rows and bytes read, elapsed time, error and partitions by silo.", "./orleansproc job status j20261125-132820-3f9a2c") { id };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var status = await new JobClient(cluster, console).GetStatusAsync(parsed.GetRequiredValue(id), cancellationToken);
                var end = status.FinishedAt ?? console.Time.GetUtcNow();
                var elapsed = status.SubmittedAt == default || end < status.SubmittedAt ? TimeSpan.Zero : end - status.SubmittedAt;
                foreach (var line in JobStatusText.Lines(status, elapsed))
                {
                    console.Out.WriteLine(line);
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command Watch(ConsoleContext console)
    {
        var id = CommonOptions.JobId();
        var format = CommonOptions.Format();
        var command = new DocumentedCommand("watch",
            "Re-attach to a job: show its progress bar until it ends, then print its result as query does.\n" +
            "Ctrl+C detaches again (the job goes on).",
            "./orleansproc job watch j20261125-132820-3f9a2c --format json") { id, format };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            cluster => new JobClient(cluster, console).AttachAsync(parsed.GetRequiredValue(id), parsed.GetValue(format), null, cancellationToken),
            cancellationToken));
        return command;
    }

    private static Command Result(ConsoleContext console)
    {
        var id = CommonOptions.JobId();
        var format = CommonOptions.Format();
        var command = new DocumentedCommand("result", "Print the stored result of a finished job.", "./orleansproc job result j20261125-132820-3f9a2c --format csv") { id, format };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            cluster => new JobClient(cluster, console).PrintResultAsync(parsed.GetRequiredValue(id), parsed.GetValue(format), cancellationToken),
            cancellationToken));
        return command;
    }

    private static Command Cancel(ConsoleContext console)
    {
        var id = CommonOptions.JobId();
        var command = new DocumentedCommand("cancel", "Cancel a running job: its partitions stop and it ends as cancelled.", "./orleansproc job cancel j20261125-132820-3f9a2c") { id };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var jobId = parsed.GetRequiredValue(id);
                var jobs = new JobClient(cluster, console);
                var status = await jobs.GetStatusAsync(jobId, cancellationToken);
                if (status.IsFinished || !await cluster.Client.GetGrain<IJobGrain>(jobId).CancelAsync(cancellationToken))
                {
                    console.Error.WriteLine($"job {jobId} had already ended ({ProgressLine.State(status.State)})");
                    return ExitCodes.Success;
                }

                console.Error.WriteLine($"job {jobId} cancelled");
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command Delete(ConsoleContext console)
    {
        var id = CommonOptions.JobId();
        var command = new DocumentedCommand("delete",
            "Delete a finished job: its state, plans, partials and result (its output dataset stays: dataset delete).\n" +
            "A running job is refused: cancel it first.",
            "./orleansproc job delete j20261125-132820-3f9a2c") { id };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var jobId = parsed.GetRequiredValue(id);
                switch (await cluster.Client.GetGrain<IJobGrain>(jobId).DeleteAsync(cancellationToken: cancellationToken))
                {
                    case JobDeletion.Deleted:
                        console.Error.WriteLine($"job {jobId} deleted");
                        return ExitCodes.Success;
                    case JobDeletion.Running:
                        throw new CommandException($"job {jobId} is still running: cancel it first (./orleansproc job cancel {jobId}), then delete it", ExitCodes.Failure);
                    default:
                        throw CommandException.Usage($"no job with id '{jobId}' (see: ./orleansproc job list)");
                }
            },
            cancellationToken));
        return command;
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
