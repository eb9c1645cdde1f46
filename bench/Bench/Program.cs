using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using OrleansProc.Bench.Cluster;
using OrleansProc.Bench.Processors;
using OrleansProc.Bench.Report;
using OrleansProc.Bench.Study;
using OrleansProc.Bench.WholeProcess;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;
using OrleansProc.SampleData;

namespace OrleansProc.Bench;

/// <summary>
/// <c>./orleansproc bench [--quick] [--json FILE] [--runs N]</c>: the sales CSV (generated once under
/// <c>.orleansproc/bench/</c>), then the aggregate query and the word count in process: through the Engine in local
/// mode (<see cref="LocalJobRunner"/>, 2 threads), DuckDB (2 threads), a stdlib Python multiprocessing script (2
/// processes) and <c>cat</c> to /dev/null, warm cache, whole runs timed (best of N); then the user queries over the
/// sales and the orders export as whole processes (<see cref="WholeProcessSuite"/>). Checks that the answers agree and
/// prints the tables of times and ratios.
/// </summary>
internal static class Program
{
    private const int Threads = 2;
    private const int Parts = 8;
    private const int Seed = 42;
    private const int Top = 20;
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<int> Main(string[] args)
    {
        if (args is ["processor", .. var processorArgs])
        {
            return await ProcessorBench.RunAsync(processorArgs);
        }

        var quick = false;
        var breakdown = false;
        string? jsonPath = null;
        int? runs = null;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--breakdown": breakdown = true; break;
                case "--json" when i + 1 < args.Length: jsonPath = args[++i]; break;
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--only" when i + 1 < args.Length: only.UnionWith(args[++i].Split(',')); break;
                case "-h" or "--help":
                    Console.WriteLine("usage: ./orleansproc bench [--quick] [--json FILE] [--runs N] [--only engine,duckdb,python,cat,cluster,memory,latency,tinyblobs,threads,queries,sales,export," + string.Join(',', UserQueries.Names) + "]");
                    Console.WriteLine("  --quick    about 100 MB instead of about 1 GB per dataset (sales: 13 M rows in 8 files; the orders export: 11 M rows in 8 files)");
                    Console.WriteLine("  --json     also write the tables as JSON to FILE");
                    Console.WriteLine("  --runs     timed runs per figure: in process the best counts (default 3 quick, 2 full), whole processes the median (default 3 quick, 5 full)");
                    Console.WriteLine("  --only     run only these figures; cluster, memory, latency, tinyblobs start Azurite and 2 silos; threads runs the threads-or-processes study;");
                    Console.WriteLine("             queries runs every whole-process query on both datasets; a dataset name (sales, export) or query names (startup, aggregate, filter, in,");
                    Console.WriteLine("             like, groupby2, distinct, topk, case, month, join, parquet, wordcount) narrow them (see docs/benchmarks.md)");
                    Console.WriteLine("  processor  ./orleansproc bench processor PACKAGE[:NAME] 'path/*.csv' [--arg k=v]...: your processor on threads, in worker processes and on two silos (see bench processor --help)");
                    Console.WriteLine("  --breakdown  only the Engine, stage by stage: framing, + a filter column, + aggregates, + group by; comment strings, word count");
                    return 0;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}'; see --help");
                    return 2;
            }
        }

        var rows = quick ? 1_300_000L : 13_000_000L; // about 80 bytes a row: about 100 MB and 1 GB
        var repeat = runs ?? (quick ? 3 : 2);
        var root = Environment.GetEnvironmentVariable("ORLEANSPROC_ROOT") ?? Directory.GetCurrentDirectory();
        var dir = Path.Combine(root, ".orleansproc", "bench", quick ? "quick" : "full");
        var files = await EnsureDataAsync(dir, rows);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.Error.WriteLine($"bench: {rows:N0} rows, {bytes / 1e6:N0} MB in {files.Count} files under {dir}; {Environment.ProcessorCount} cores; best of {repeat}");
        bool Run(string what) => only.Count == 0 || only.Contains(what);
        var processRuns = runs ?? (quick ? 3 : 5);

        var results = new List<Figure>();
        await Cat(files); // warm the page cache
        if (Run("cat"))
        {
            results.Add(await Time("read", "cat > /dev/null", bytes, repeat, async () => { await Cat(files); return null; }));
        }

        var glob = Path.Combine(dir, "*.csv");
        var aggSql = $"SELECT country, COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount) FROM '{glob}' WHERE quantity >= 2 GROUP BY country";
        var duckSource = DuckSource(files);
        var duckAgg = $"SELECT country, COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount) FROM {duckSource} WHERE quantity >= 2 GROUP BY country";
        var duckWc = $"SELECT w, COUNT(*) AS c FROM (SELECT unnest(string_split_regex(lower(comment), '[^\\p{{L}}]+')) AS w FROM {duckSource}) WHERE w <> '' GROUP BY w ORDER BY c DESC, w LIMIT {Top}";

        if (breakdown)
        {
            var from = $"FROM '{glob}'";
            (string Name, string Sql)[] stages =
            [
                ("frame+validate", $"SELECT COUNT(*) {from}"),
                ("+ parse quantity, filter", $"SELECT COUNT(*) {from} WHERE quantity >= 2"),
                ("+ amount, 4 aggregates", $"SELECT COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount) {from} WHERE quantity >= 2"),
                ("+ group by country", aggSql),
                ("comment strings", $"SELECT COUNT(comment) {from}"),
            ];
            foreach (var (name, sql) in stages)
            {
                results.Add(await Time("breakdown", name, bytes, repeat, async () => await EngineAggregate(files, sql)));
            }

            results.Add(await Time("breakdown", "word count", bytes, repeat, async () => await EngineWordCount(files)));
            Console.WriteLine(Report(results, bytes, rows, quick, ok: true).Text);
            return 0;
        }

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Exec(duck, $"SET threads={Threads}");

        var jobs = new (string Job, Func<Task<List<object?[]>>> Engine, Func<List<object?[]>> Duck, string PyJob)[]
        {
            ("aggregate", () => EngineAggregate(files, aggSql), () => Sorted(DuckRows(duck, duckAgg)), "agg"),
            ("word count", () => EngineWordCount(files), () => DuckRows(duck, duckWc), "wc"),
        };
        var ok = true;
        foreach (var (job, engine, duckRun, pyJob) in jobs)
        {
            // Interleaved: every round runs each system once, so a burst of load from elsewhere hits them alike.
            var systems = new List<(string Name, int Runs, Func<Task<List<object?[]>>> Run)>();
            if (Run("engine"))
            {
                systems.Add(("OrleansProc local", repeat, engine));
            }

            if (Run("duckdb"))
            {
                systems.Add(("DuckDB", repeat, () => Task.FromResult(duckRun())));
            }

            if (Run("python"))
            {
                systems.Add(("Python mp", quick ? repeat : 1, () => Python(root, pyJob, files)));
            }

            var best = systems.Select(_ => double.MaxValue).ToArray();
            var got = new List<object?[]>?[systems.Count];
            for (var round = 0; round < repeat; round++)
            {
                for (var k = 0; k < systems.Count; k++)
                {
                    if (round >= systems[k].Runs)
                    {
                        continue;
                    }

                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    var sw = Stopwatch.StartNew();
                    got[k] = await systems[k].Run();
                    var seconds = sw.Elapsed.TotalSeconds;
                    best[k] = Math.Min(best[k], seconds);
                    Console.Error.WriteLine($"bench: {job,-10} {systems[k].Name,-18} {seconds,7:N2} s {bytes / 1e6 / seconds,8:N0} MB/s");
                }
            }

            var answers = new List<(string Who, List<object?[]> Rows)>();
            for (var k = 0; k < systems.Count; k++)
            {
                results.Add(new Figure(job, systems[k].Name, best[k], bytes / 1e6 / best[k], got[k]));
                answers.Add((systems[k].Name, got[k]!));
            }

            for (var i = 1; i < answers.Count; i++)
            {
                var diff = Compare(answers[0].Rows, answers[i].Rows);
                if (diff is not null)
                {
                    ok = false;
                    Console.Error.WriteLine($"error: {job}: {answers[i].Who} differs from {answers[0].Who}: {diff}");
                }
            }

            if (answers.Count > 1 && ok)
            {
                Console.Error.WriteLine($"bench: {job}: {string.Join(", ", answers.Select(a => a.Who))} agree ({answers[0].Rows.Count} rows)");
            }
        }

        var clusterFigures = new List<BenchFigure>();
        if (ClusterBench.Names.Any(Run))
        {
            var cluster = new ClusterBench(Path.Combine(root, ".orleansproc", "bench"), files, quick, repeat, Run);
            clusterFigures = await cluster.RunAsync();
            ok &= cluster.AnswersAgree;
        }

        (List<StudyRow> Rows, List<string> Recommendations)? study = null;
        if (Run(ThreadsOrProcessesStudy.Name))
        {
            var threads = new ThreadsOrProcessesStudy(root, Path.Combine(root, ".orleansproc", "bench"), files, quick, runs ?? 2);
            study = await threads.RunAsync();
            ok &= threads.AnswersAgree;
        }

        var processFigures = new List<ProcessFigure>();
        if (only.Count == 0 || only.Overlaps(WholeProcessSuite.OnlyNames))
        {
            var queries = await UserQueriesAsync(root, quick, dir, files, bytes, rows, only);
            Console.Error.WriteLine($"bench: whole processes, {queries.Count} queries, median of {processRuns}");
            processFigures = await new WholeProcessSuite(root, processRuns).RunAsync(queries);
            ok &= processFigures.All(f => f.Agree);
        }

        var report = Report(results, bytes, rows, quick, ok);
        if (results.Count > 0)
        {
            Console.WriteLine(report.Text);
        }

        var json = JsonSerializer.SerializeToNode(report.Json, s_json)!.AsObject();
        if (processFigures.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(ProcessTable.Text(processFigures));
            Console.WriteLine(ok ? "answers: all agree" : "answers: MISMATCH or FAILED (see above)");
            json["whole_process"] = JsonSerializer.SerializeToNode(ProcessTable.Json(processFigures), s_json);
        }
        if (clusterFigures.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(FigureTable.Text("The cluster: Azurite in memory and 2 silo processes on this machine", clusterFigures));
            json["cluster"] = JsonSerializer.SerializeToNode(FigureTable.Json(clusterFigures), s_json);
        }

        if (study is { } done)
        {
            Console.WriteLine();
            Console.WriteLine(ThreadsOrProcessesStudy.Text(done.Rows, done.Recommendations));
            json["threads_or_processes"] = JsonSerializer.SerializeToNode(new { rows = done.Rows, recommendations = done.Recommendations }, s_json);
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, json.ToJsonString(s_json));
        }

        return ok ? 0 : 1;
    }

    /// <summary>
    /// The whole-process queries <paramref name="only"/> selects, with the data they read (the orders export, the
    /// region tables and the Parquet copies are written when missing).
    /// </summary>
    private static async Task<List<(UserQuery Query, long Bytes)>> UserQueriesAsync(string root, bool quick, string salesDir, IReadOnlyList<string> salesFiles, long salesBytes, long salesRows, HashSet<string> only)
    {
        var names = only.Contains("queries") ? [] : only.Intersect(UserQueries.Names, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var datasets = only.Intersect(UserQueries.Datasets, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Wanted(string name) => names.Count == 0 || names.Contains(name) || (UserQueries.IsParquet(name) && names.Contains("parquet"));
        bool WantedData(string name) => datasets.Count == 0 || datasets.Contains(name);
        var benchDir = Path.Combine(root, ".orleansproc", "bench");
        var size = quick ? "quick" : "full";
        var regions = await UserDataFiles.EnsureRegionTablesAsync(Path.Combine(benchDir, "tables"));
        var selected = new List<(UserQuery, long)>();
        if (Wanted("startup"))
        {
            selected.Add((UserQueries.Startup(regions.Sales), 0));
        }

        var all = new List<(UserDataset Data, IReadOnlyList<string> Files)>();
        if (WantedData("sales"))
        {
            all.Add((new UserDataset("sales", Path.Combine(salesDir, "*.csv"), SalesDataGenerator.SchemaSpec, Path.Combine(benchDir, $"parquet-{size}", "sales", "*.parquet"), regions.Sales, salesBytes, salesRows), salesFiles));
        }

        if (WantedData("export"))
        {
            var exportRows = quick ? 1_100_000L : 11_000_000L; // about 93 bytes a row
            var exportDir = Path.Combine(benchDir, $"export-{size}");
            var exportFiles = await UserDataFiles.EnsureExportAsync(exportDir, exportRows, Parts, Seed);
            var exportBytes = exportFiles.Sum(f => new FileInfo(f).Length);
            Console.Error.WriteLine($"bench: the orders export, {exportRows:N0} rows, {exportBytes / 1e6:N0} MB in {exportFiles.Count} files under {exportDir}");
            await Cat(exportFiles);
            all.Add((new UserDataset("export", Path.Combine(exportDir, "*.csv"), ExportDataGenerator.SchemaSpec, Path.Combine(benchDir, $"parquet-{size}", "export", "*.parquet"), regions.Export, exportBytes, exportRows), exportFiles));
        }

        foreach (var (data, files) in all)
        {
            var parquetBytes = 0L;
            if (Wanted("parquet") || Wanted("parquet-filter"))
            {
                var parquetDir = Path.GetDirectoryName(data.ParquetGlob)!;
                await UserDataFiles.EnsureParquetAsync(parquetDir, files, data.Columns);
                parquetBytes = Directory.GetFiles(parquetDir, "*.parquet").Sum(f => new FileInfo(f).Length);
            }

            selected.AddRange(UserQueries.For(data).Where(q => Wanted(q.Name)).Select(q => (q, UserQueries.IsParquet(q.Name) ? parquetBytes : data.Bytes)));
        }

        var flights = Path.Combine(root, "infra", "node_modules", "vega-datasets", "data", "flights-3m.parquet");
        if (WantedData("flights") && (Wanted("parquet") || Wanted("parquet-filter")))
        {
            if (File.Exists(flights))
            {
                selected.AddRange(UserQueries.Flights(flights).Where(q => Wanted(q.Name)).Select(q => (q, new FileInfo(flights).Length)));
            }
            else
            {
                Console.Error.WriteLine($"bench: no {flights} (cd infra && npm ci --no-audit --no-fund): the flights lines are left out");
            }
        }

        return selected;
    }

    private sealed record Figure(string Job, string System, double Seconds, double MBps, List<object?[]>? Answer);

    private static async Task<IReadOnlyList<string>> EnsureDataAsync(string dir, long rows)
    {
        var files = Enumerable.Range(0, Parts).Select(p => Path.Combine(dir, $"sales-{p:D2}.csv")).ToList();
        var marker = Path.Combine(dir, "complete");
        var expected = $"rows={rows} parts={Parts} seed={Seed}";
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == expected && files.All(File.Exists))
        {
            return files;
        }

        Directory.CreateDirectory(dir);
        File.Delete(marker);
        Console.Error.WriteLine($"bench: generating {rows:N0} rows into {dir} ...");
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Parts), new ParallelOptions { MaxDegreeOfParallelism = Threads }, async (p, ct) =>
        {
            var stream = new FileStream(files[p], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            await using (stream.ConfigureAwait(false))
            {
                await SalesDataGenerator.WriteCsvAsync(stream, SalesDataGenerator.RowsInPart(rows, Parts, p), Seed, p, ct).ConfigureAwait(false);
            }
        });
        await File.WriteAllTextAsync(marker, expected);
        Console.Error.WriteLine($"bench: generated in {sw.Elapsed.TotalSeconds:N1} s");
        return files;
    }

    private static async Task<Figure> Time(string job, string system, long bytes, int repeat, Func<Task<List<object?[]>?>> run)
    {
        var best = double.MaxValue;
        List<object?[]>? answer = null;
        for (var i = 0; i < repeat; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            answer = await run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        Console.Error.WriteLine($"bench: {job,-10} {system,-18} {best,7:N2} s {bytes / 1e6 / best,8:N0} MB/s");
        return new Figure(job, system, best, bytes / 1e6 / best, answer);
    }

    internal static async Task<List<object?[]>> EngineAggregate(IReadOnlyList<string> files, string sql)
    {
        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = files,
            Processor = ProcessorSpec.Query(sql),
            DegreeOfParallelism = Threads,
        });
        return Sorted(result.Table.Rows.Select(r => r.Select(Box).ToArray()).ToList());
    }

    private static async Task<List<object?[]>> EngineWordCount(IReadOnlyList<string> files)
    {
        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = files,
            Processor = ProcessorSpec.WordCount("comment", Top),
            DegreeOfParallelism = Threads,
        });
        return result.Table.Rows.Select(r => r.Select(Box).ToArray()).ToList();
    }

    private static object? Box(SqlValue v) => v.IsNull ? null : v.Type switch
    {
        Engine.Schema.SqlType.Varchar => v.Text,
        Engine.Schema.SqlType.Double => v.Float64,
        _ => (object)v.Int64,
    };

    private static string DuckSource(IReadOnlyList<string> files) =>
        "read_csv([" + string.Join(", ", files.Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'")) + "], header=true, delim=',', quote='\"', escape='\"', strict_mode=false, " +
        "columns={'ts': 'TIMESTAMP', 'user_id': 'BIGINT', 'country': 'VARCHAR', 'category': 'VARCHAR', 'amount': 'DOUBLE', 'quantity': 'BIGINT', 'comment': 'VARCHAR'})";

    private static void Exec(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<object?[]> DuckRows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    string s => s,
                    double d => d,
                    float f => (double)f,
                    decimal m => (double)m,
                    System.Numerics.BigInteger b => (long)b,
                    IConvertible c => Convert.ToInt64(c, CultureInfo.InvariantCulture),
                    var o => o.ToString(),
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task<List<object?[]>> Python(string root, string job, IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "bench", "python", "mp_baseline.py"));
        start.ArgumentList.Add(job);
        foreach (var f in files)
        {
            start.ArgumentList.Add(f);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 mp_baseline.py {job} exited with {process.ExitCode}");
        }

        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Number when e.TryGetInt64(out var l) => l,
            JsonValueKind.Number => (object?)e.GetDouble(),
            _ => e.ToString(),
        }).ToArray()).ToList();
    }

    private static async Task Cat(IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("cat \"$@\" > /dev/null");
        start.ArgumentList.Add("cat");
        foreach (var f in files)
        {
            start.ArgumentList.Add(f);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
    }

    internal static List<object?[]> Sorted(List<object?[]> rows) =>
        rows.OrderBy(r => r[0] as string, StringComparer.Ordinal).ToList();

    /// <summary>Null when equal: same rows, texts equal, numbers within 1e-9 relative.</summary>
    internal static string? Compare(List<object?[]> a, List<object?[]> b)
    {
        if (a.Count != b.Count)
        {
            return $"{a.Count} rows vs {b.Count}";
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Length != b[i].Length)
            {
                return $"row {i}: {a[i].Length} columns vs {b[i].Length}";
            }

            for (var j = 0; j < a[i].Length; j++)
            {
                var (x, y) = (a[i][j], b[i][j]);
                var same = (x, y) switch
                {
                    (null, null) => true,
                    (string s, string t) => s == t,
                    (null, _) or (_, null) => false,
                    _ => Close(Convert.ToDouble(x, CultureInfo.InvariantCulture), Convert.ToDouble(y, CultureInfo.InvariantCulture)),
                };
                if (!same)
                {
                    return $"row {i} column {j}: {x} vs {y}";
                }
            }
        }

        return null;

        static bool Close(double x, double y) => x == y || Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y));
    }

    private static (string Text, object Json) Report(List<Figure> figures, long bytes, long rows, bool quick, bool ok)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"OrleansProc bench{(quick ? " --quick" : "")}, in process (the Engine's LocalJobRunner and DuckDB.NET inside the bench's process; Python and cat as processes): {bytes / 1e6:N0} MB, {rows:N0} rows, {Parts} files, {Environment.ProcessorCount} cores, {Threads} threads/processes each, warm cache, best whole run");
        text.AppendLine("| job | system | seconds | MB/s | vs DuckDB | vs Python |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        var json = new List<object>();
        foreach (var f in figures)
        {
            var duck = figures.FirstOrDefault(g => g.Job == f.Job && g.System == "DuckDB");
            var py = figures.FirstOrDefault(g => g.Job == f.Job && g.System == "Python mp");
            double? vsDuck = duck is null ? null : f.MBps / duck.MBps;
            double? vsPy = py is null ? null : f.MBps / py.MBps;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Job} | {f.System} | {f.Seconds:N2} | {f.MBps:N0} | {Ratio(vsDuck)} | {Ratio(vsPy)} |");
            json.Add(new { job = f.Job, system = f.System, seconds = f.Seconds, mb_per_s = f.MBps, vs_duckdb = vsDuck, vs_python = vsPy });
        }

        text.Append(ok ? "answers: all agree" : "answers: MISMATCH (see errors above)");
        return (text.ToString(), new { bytes, rows, quick, cores = Environment.ProcessorCount, threads = Threads, answers_agree = ok, figures = json });

        static string Ratio(double? r) => r is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "";
    }
}
