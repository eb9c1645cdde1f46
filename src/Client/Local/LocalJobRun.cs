using System.Diagnostics;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Isolation;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Client.Local;

/// <summary>
/// Local mode: a query whose FROM is a quoted path or glob, or a word count of a path, runs the Engine in this process
/// on local files with every core, no cluster; the answers are the cluster's.
/// </summary>
internal sealed class LocalJobRun(ConsoleContext console)
{
    public async Task<int> RunAsync(
        string pathOrGlob,
        ProcessorSpec processor,
        SqlQuery? query,
        OutputFormat format,
        long? partitionSize,
        bool skipBadRecords,
        LocalCsvDialect dialect,
        string? sql,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> files;
        try
        {
            files = LocalJobRunner.ExpandPaths(pathOrGlob);
        }
        catch (FileNotFoundException e)
        {
            throw CommandException.Usage(e.Message);
        }

        var progress = console.CreateProgress();
        var reporter = new SynchronousProgress<LocalProgress>(p => progress.Report(ProgressLine.Format(AsStatus(p), clock.Elapsed)));
        LocalRunResult run;
        using var workers = processor.Isolation == ProcessorIsolation.Process ? new WorkerPool() : null;
        try
        {
            run = await new LocalJobRunner(workers is null ? null : new ProcessorFactory(new IsolatedProcessorFactory(workers))).RunAsync(
                new LocalJob
                {
                    Files = files,
                    Processor = processor,
                    Query = query,
                    PartitionSize = partitionSize,
                    SkipBadRecords = skipBadRecords,
                    Delimiter = dialect.Delimiter,
                    StrictQuotes = dialect.StrictQuotes,
                },
                reporter,
                cancellationToken);
        }
        catch (QueryException e)
        {
            reporter.Stop();
            progress.Clear();
            console.Error.Write(SubmitErrors.Describe(SubmitOutcome.Rejected(SubmitErrorKind.BadQuery, e.Message, e.Position), sql));
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            reporter.Stop();
            progress.Clear();
            throw CommandException.Usage(e.Message);
        }
        catch (OperationCanceledException)
        {
            reporter.Stop();
            progress.Clear();
            throw;
        }
        catch (BadRecordException e)
        {
            reporter.Stop();
            progress.Clear();
            throw new CommandException(e.Message);
        }
        catch (Exception e) when (e is UserProcessorException or IsolatedProcessorException)
        {
            reporter.Stop();
            progress.Clear();
            throw new CommandException(e.Message);
        }

        reporter.Stop();
        progress.Complete();
        var table = run.Table;
        var result = JobResult.FromTable("local", table.ColumnNames(), table.TypeNames(), table.TextRows(), table.TotalRows) with
        {
            RowsRead = run.RowsRead,
            BytesRead = run.BytesRead,
            BadRecords = run.BadRecords,
            RowGroupsSkipped = run.RowGroupsSkipped,
            BadRecordSamples = run.BadRecordSamples.Select(b => b.ToString()).ToList(),
            Elapsed = clock.Elapsed,
        };
        new ResultPrinter(console).Print(result, format, clock.Elapsed);
        console.Error.WriteLine($"ran locally on {files.Count} file(s) in {run.Partitions} partitions");
        return ExitCodes.Success;
    }

    private static JobStatus AsStatus(LocalProgress progress) => new()
    {
        JobId = "local",
        State = JobState.Running,
        PartitionsTotal = progress.PartitionsTotal,
        PartitionsDone = progress.PartitionsDone,
        RowsRead = progress.Rows,
        BytesRead = progress.Bytes,
    };
}
