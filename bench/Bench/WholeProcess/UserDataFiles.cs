using System.Diagnostics;
using System.Text;
using DuckDB.NET.Data;
using OrleansProc.SampleData;

namespace OrleansProc.Bench.WholeProcess;

/// <summary>
/// Writes, once, what the whole-process figures read besides the sales CSV: the orders export
/// (<see cref="ExportDataGenerator"/>), the small region tables the join query joins, and the Parquet copy of each
/// dataset (DuckDB's <c>COPY ... (FORMAT parquet)</c>, one file per CSV part). A <c>complete</c> marker holding the
/// parameters tells a finished set from a partial or different one.
/// </summary>
internal static class UserDataFiles
{
    private const int Threads = 2;

    /// <summary>Sales country codes and their regions (NZ and TR are left out: the inner join drops their rows).</summary>
    private static readonly string[] s_salesRegions =
    [
        "US,North America", "CA,North America", "MX,North America", "BR,South America", "AR,South America",
        "DE,Europe", "GB,Europe", "FR,Europe", "NL,Europe", "ES,Europe", "IT,Europe", "SE,Europe", "PL,Europe", "CH,Europe",
        "NO,Europe", "DK,Europe", "FI,Europe", "BE,Europe", "AT,Europe", "PT,Europe", "IE,Europe", "CZ,Europe",
        "IN,Asia", "JP,Asia", "KR,Asia", "SG,Asia", "AU,Oceania", "ZA,Africa",
    ];

    /// <summary>Export country names and their regions (Türkiye left out).</summary>
    private static readonly string[] s_exportRegions =
    [
        "United States,North America", "Canada,North America", "Mexico,North America", "Brazil,South America",
        "Germany,Europe", "United Kingdom,Europe", "France,Europe", "Netherlands,Europe", "Spain,Europe", "Italy,Europe",
        "Sweden,Europe", "Poland,Europe", "Switzerland,Europe", "Norway,Europe", "India,Asia", "Japan,Asia",
        "\"Korea, Republic of\",Asia", "Australia,Oceania", "Côte d'Ivoire,Africa",
    ];

    /// <summary>The export's parts under <paramref name="dir"/> (<c>orders-NN.csv</c>), generated when missing.</summary>
    public static async Task<IReadOnlyList<string>> EnsureExportAsync(string dir, long rows, int parts, int seed)
    {
        var files = Enumerable.Range(0, parts).Select(p => Path.Combine(dir, $"orders-{p:D2}.csv")).ToList();
        await EnsureAsync(dir, $"export rows={rows} parts={parts} seed={seed}", files, async () =>
        {
            Console.Error.WriteLine($"bench: generating the orders export, {rows:N0} rows into {dir} ...");
            await Parallel.ForEachAsync(Enumerable.Range(0, parts), new ParallelOptions { MaxDegreeOfParallelism = Threads }, async (p, ct) =>
            {
                var stream = new FileStream(files[p], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
                await using (stream.ConfigureAwait(false))
                {
                    await ExportDataGenerator.WriteCsvAsync(stream, SalesDataGenerator.RowsInPart(rows, parts, p), seed, p, ct).ConfigureAwait(false);
                }
            });
        });
        return files;
    }

    /// <summary>The two region tables under <paramref name="dir"/>: (sales, export) paths.</summary>
    public static async Task<(string Sales, string Export)> EnsureRegionTablesAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var sales = Path.Combine(dir, "regions-sales.csv");
        var export = Path.Combine(dir, "regions-export.csv");
        await File.WriteAllTextAsync(sales, "key,region\n" + string.Join('\n', s_salesRegions) + "\n", new UTF8Encoding(false));
        await File.WriteAllTextAsync(export, "key,region\n" + string.Join('\n', s_exportRegions) + "\n", new UTF8Encoding(false));
        return (sales, export);
    }

    /// <summary>The Parquet copy of <paramref name="csvFiles"/> under <paramref name="dir"/>, one file per part, written when missing.</summary>
    public static async Task EnsureParquetAsync(string dir, IReadOnlyList<string> csvFiles, string columns)
    {
        var files = csvFiles.Select(f => Path.Combine(dir, Path.GetFileNameWithoutExtension(f) + ".parquet")).ToList();
        var stamp = string.Join(';', csvFiles.Select(f => $"{Path.GetFileName(f)}:{new FileInfo(f).Length}"));
        await EnsureAsync(dir, $"parquet of {stamp}", files, () =>
        {
            Console.Error.WriteLine($"bench: writing the Parquet copy into {dir} ...");
            using var duck = new DuckDBConnection("DataSource=:memory:");
            duck.Open();
            for (var i = 0; i < csvFiles.Count; i++)
            {
                using var command = duck.CreateCommand();
                command.CommandText =
                    $"COPY (SELECT * FROM read_csv('{csvFiles[i]}', header=true, delim=',', quote='\"', escape='\"', strict_mode=false, " +
                    $"columns={UserQueries.DuckColumns(columns)})) TO '{files[i]}' (FORMAT parquet)";
                command.ExecuteNonQuery();
            }

            return Task.CompletedTask;
        });
    }

    private static async Task EnsureAsync(string dir, string expected, IReadOnlyList<string> files, Func<Task> write)
    {
        var marker = Path.Combine(dir, "complete");
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == expected && files.All(File.Exists))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        File.Delete(marker);
        var clock = Stopwatch.StartNew();
        await write();
        await File.WriteAllTextAsync(marker, expected);
        Console.Error.WriteLine($"bench: written in {clock.Elapsed.TotalSeconds:N1} s");
    }
}
