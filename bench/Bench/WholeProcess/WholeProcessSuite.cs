namespace OrleansProc.Bench.WholeProcess;

/// <summary>
/// The whole-process figures: each query runs as a user runs it, OrleansProc's built client in local mode
/// (<c>query "..." --format csv</c>, the program <see cref="ClientProgram"/> picks) against DuckDB as a process of its own
/// (<c>dotnet OrleansProc.DuckDbQuery.dll "..."</c>, DuckDB.NET, so DuckDB pays a .NET start-up too), start-up, JIT
/// and all. The two alternate run by run (which goes first alternates too, so a burst of load from elsewhere hits
/// both); each figure is the median. The printed CSV of both is parsed and compared.
/// </summary>
internal sealed class WholeProcessSuite(string root, int runs)
{
    private readonly ClientProgram _client = ClientProgram.Choose(root);
    private readonly string _duck = Path.Combine(root, "bench", "DuckDbQuery", "bin", "Release", "net10.0", "OrleansProc.DuckDbQuery.dll");

    /// <summary>The <c>--only</c> names that select the whole-process figures: <c>queries</c>, a dataset or a query name.</summary>
    public static IEnumerable<string> OnlyNames => ["queries", .. UserQueries.Datasets, .. UserQueries.Names];

    /// <summary>Runs the queries and returns one figure each.</summary>
    public async Task<List<ProcessFigure>> RunAsync(IEnumerable<(UserQuery Query, long Bytes)> queries)
    {
        foreach (var dll in new[] { _client.Path, _duck })
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: build bench/Bench in Release (it builds the client and the DuckDB runner)");
            }
        }

        Console.Error.WriteLine($"bench: the client run: {_client.Kind}, {_client.Path}");
        var figures = new List<ProcessFigure>();
        foreach (var (query, bytes) in queries)
        {
            figures.Add(await RunAsync(query, bytes));
        }

        return figures;
    }

    private async Task<ProcessFigure> RunAsync(UserQuery query, long bytes)
    {
        var systems = new (string Name, Func<Task<ProcessRun>> Run)[]
        {
            ("OrleansProc", () => _client.IsNative
                ? ProcessRun.StartAsync(_client.Path, query.ClientArguments, new Dictionary<string, string> { ["ORLEANSPROC_MANAGED_CLIENT"] = _client.Managed })
                : ProcessRun.DotnetAsync(_client.Path, query.ClientArguments)),
            ("DuckDB", () => ProcessRun.DotnetAsync(_duck, [query.DuckSql])),
        };
        var seconds = new List<double>[] { [], [] };
        var cpu = new List<double>[] { [], [] };
        var duckQuery = new List<double>();
        var last = new ProcessRun?[2];
        var failed = new string?[2];
        for (var round = 0; round < runs; round++)
        {
            for (var i = 0; i < systems.Length; i++)
            {
                var k = round % 2 == 0 ? i : systems.Length - 1 - i;
                if (failed[k] is not null)
                {
                    continue;
                }

                var run = await systems[k].Run();
                if (run.ExitCode != 0)
                {
                    failed[k] = run.Reason;
                    Console.Error.WriteLine($"bench: {query.Dataset,-6} {query.Name,-9} {systems[k].Name,-11} failed: {run.Reason}");
                    continue;
                }

                seconds[k].Add(run.Seconds);
                if (run.CpuSeconds is { } used)
                {
                    cpu[k].Add(used);
                }

                if (k == 1 && run.QuerySeconds is { } queryOnly)
                {
                    duckQuery.Add(queryOnly);
                }

                last[k] = run;
                Console.Error.WriteLine($"bench: {query.Dataset,-6} {query.Name,-9} {systems[k].Name,-11} {run.Seconds,7:N2} s  {run.CpuSeconds,5:N2} CPU s");
            }
        }

        string answers;
        var rows = 0;
        if (failed[0] is not null || failed[1] is not null)
        {
            answers = string.Join("; ", Enumerable.Range(0, 2).Where(k => failed[k] is not null).Select(k => $"{systems[k].Name} failed: {failed[k]}"));
        }
        else
        {
            var ours = CsvAnswer.Parse(last[0]!.Stdout);
            var theirs = CsvAnswer.Parse(last[1]!.Stdout);
            rows = ours.Count;
            answers = CsvAnswer.Compare(ours, theirs) is { } diff ? $"differ: {diff}" : "agree";
            Console.Error.WriteLine($"bench: {query.Dataset,-6} {query.Name,-9} answers {answers} ({rows} rows)");
        }

        return new ProcessFigure(query.Dataset, query.Name, bytes, Median(seconds[0]), Median(seconds[1]), runs, rows, answers)
        {
            Client = _client.Kind,
            OrleansProcCpuSeconds = Median(cpu[0]),
            DuckDbCpuSeconds = Median(cpu[1]),
            DuckDbQuerySeconds = Median(duckQuery),
        };
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
