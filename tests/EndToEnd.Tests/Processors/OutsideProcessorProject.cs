using System.Diagnostics;

namespace OrleansProc.EndToEnd.Tests.Processors;

/// <summary>
/// A processor project written outside the repository, as a user would: <c>processor new</c> writes a folder with a
/// csproj that references only OrleansProc.Sdk.dll (from beside the client, not copied), the test edits its class and
/// builds it with <c>dotnet build</c>.
/// The class counts orders and sums quantities per country for records with quantity &gt;= <c>--arg min</c>, and
/// reports the build's label in every row; with <c>--arg gate=PATH</c> each batch waits until that file exists.
/// </summary>
internal static class OutsideProcessorProject
{
    /// <summary>
    /// Replaces the class that <c>processor new country-stats</c> wrote in <paramref name="folder"/> with the edited one,
    /// labelled <paramref name="build"/>.
    /// </summary>
    public static void Edit(string folder, string build)
    {
        Assert.True(File.Exists(Path.Combine(folder, "CountryStats.csproj")), $"processor new wrote no CountryStats.csproj in {folder}");
        File.WriteAllText(Path.Combine(folder, "CountryStats.cs"), """
            using OrleansProc.Sdk;

            namespace Outside;

            [Processor("CountryStats", Description = "orders and items per country")]
            public sealed class CountryStats : AggregateProcessor<Dictionary<string, long[]>>
            {
                private const string Build = "BUILD";

                public override IReadOnlyList<string> Columns => ["country", "quantity"];

                public override IReadOnlyList<ResultColumn> ResultColumns =>
                    [new("country", ResultType.Text), new("orders", ResultType.Integer), new("items", ResultType.Integer), new("build", ResultType.Text)];

                public override async ValueTask ProcessBatchAsync(IReadOnlyList<IRecord> batch, Dictionary<string, long[]> state, ProcessorContext context)
                {
                    var gate = context.Arguments.Get("gate", "");
                    while (gate.Length > 0 && !File.Exists(gate))
                    {
                        await Task.Delay(50, context.CancellationToken);
                    }

                    await base.ProcessBatchAsync(batch, state, context);
                }

                public override void Process(IRecord record, Dictionary<string, long[]> state, ProcessorContext context)
                {
                    var quantity = record.GetInt64(1);
                    if (quantity is null || quantity < context.Arguments.Get("min", 0L))
                    {
                        return;
                    }

                    var country = record.GetString(0) ?? "";
                    if (!state.TryGetValue(country, out var totals))
                    {
                        state[country] = totals = new long[2];
                    }

                    totals[0]++;
                    totals[1] += quantity.Value;
                }

                public override void Merge(Dictionary<string, long[]> target, Dictionary<string, long[]> source)
                {
                    foreach (var (country, totals) in source)
                    {
                        if (!target.TryGetValue(country, out var into))
                        {
                            target[country] = into = new long[2];
                        }

                        into[0] += totals[0];
                        into[1] += totals[1];
                    }
                }

                public override IEnumerable<object?[]> Finish(Dictionary<string, long[]> merged, ProcessorContext context) =>
                    merged.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new object?[] { p.Key, p.Value[0], p.Value[1], Build });
            }
            """.Replace("BUILD", build, StringComparison.Ordinal));
    }

    /// <summary>Builds the project in <paramref name="folder"/> (Release) and returns the built assembly's path.</summary>
    public static async Task<string> BuildAsync(string folder)
    {
        var info = new ProcessStartInfo("dotnet", ["build", "-c", "Release", "-v", "q", "-nologo"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"dotnet build in {folder} failed:\n{await stdout}\n{await stderr}");
        return Path.Combine(folder, "bin", "Release", "net10.0", "CountryStats.dll");
    }
}
