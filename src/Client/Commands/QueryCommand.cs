using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Jobs;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql;

namespace OrleansProc.Client.Commands;

/// <summary><c>query "SQL"</c>: runs a SQL query over a dataset on the cluster, or over local files (FROM 'path').</summary>
internal static class QueryCommand
{
    public static Command Create(ConsoleContext console)
    {
        var sql = new Argument<string>("sql") { Description = "the query, e.g. SELECT country, COUNT(*) AS n FROM sales GROUP BY country", HelpName = "SQL" };
        var options = new JobCommandOptions();
        var maxGroups = CommonOptions.MaxGroups(
            "fail the query, naming this limit, when a GROUP BY makes more groups than this in a partition or in the merge, " +
            "or a DISTINCT aggregate, an exact quantile (MEDIAN, QUANTILE_CONT, QUANTILE_DISC) or APPROX_COUNT_DISTINCT holds more values than this over all its groups");
        var broadcastLimit = CommonOptions.BroadcastLimit();
        var command = new DocumentedCommand("query",
            "Run a SQL query (SELECT ... FROM dataset [alias] [[LEFT] JOIN dataset [alias] ON a.k = b.k] [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT]) on the cluster and print its result.\n" +
            "Shows a progress bar on stderr. Ctrl+C detaches (the job goes on; see job watch); a second Ctrl+C quits at once.",
            "./orleansproc query \"SELECT category, COUNT(*) AS n, AVG(amount) FROM sales WHERE quantity >= 2 GROUP BY category ORDER BY n DESC\"",
            "./orleansproc query \"SELECT * FROM sales WHERE country = 'FR'\" --format csv > fr.csv",
            "./orleansproc query \"SELECT COUNT(*) FROM logs\" --detach",
            "./orleansproc query \"SELECT country, COUNT(*) FROM 'data/*.csv' GROUP BY country\"   (local mode: runs in this process on local files)",
            "./orleansproc query \"SELECT a.state, COUNT(*) FROM flights f JOIN airports a ON f.origin = a.iata GROUP BY a.state\" --broadcast-limit 100000000",
            "./orleansproc query \"SELECT user_id, COUNT(*) AS n FROM sales GROUP BY user_id ORDER BY n DESC LIMIT 10\" --max-groups 10000000")
        {
            sql, maxGroups, broadcastLimit,
        };
        options.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var text = parsed.GetRequiredValue(sql);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw CommandException.Usage("the query is empty: give a SELECT statement, e.g. ./orleansproc query \"SELECT COUNT(*) FROM sales\"");
            }

            SqlQuery query;
            try
            {
                query = SqlParser.Parse(text);
            }
            catch (QueryException e)
            {
                console.Error.Write(SubmitErrors.Describe(SubmitOutcome.Rejected(SubmitErrorKind.BadQuery, e.Message, e.Position), text));
                return Task.FromResult(ExitCodes.Usage);
            }

            var limits = new SqlProcessorOptions { MaxGroups = parsed.GetValue(maxGroups) };
            var broadcast = parsed.GetValue(broadcastLimit);
            return options.RunAsync(
                console,
                parsed,
                new JobSpec { Kind = JobKind.Query, Sql = text, MaxGroups = limits.MaxGroups, BroadcastLimit = broadcast },
                query.Source.FromIsPath ? query.Source.From : null,
                ProcessorSpec.Query(text, limits.MaxGroups) with { BroadcastLimit = broadcast },
                query,
                cancellationToken);
        });
        return command;
    }
}
