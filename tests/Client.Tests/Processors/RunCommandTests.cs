using System.Globalization;
using System.Text.Json;
using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Tests.Processors;

/// <summary><c>processor new</c> and <c>run</c> through the whole command line, in process: a processor written outside the repository, built and run on local files.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("orleansproc-run-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Run_NewProcessorProjectEdited_BuildsItAndAnswersAsLinq()
    {
        var project = Path.Join(_folder.FullName, "spend");
        var (newCode, _, newError) = await RunAsync("processor", "new", "spend", "--output", project);
        Assert.True(newCode == ExitCodes.Success, newError);
        var source = Path.Join(project, "Spend.cs");
        File.WriteAllText(source, File.ReadAllText(source)
            .Replace("[\"country\"]", "[\"country\", \"amount\"]", StringComparison.Ordinal)
            .Replace("state[key] = state.GetValueOrDefault(key) + 1;", "state[key] = state.GetValueOrDefault(key) + (record.GetInt64(\"amount\") ?? 0) * context.Arguments.Get(\"times\", 1L);", StringComparison.Ordinal));
        var rows = Enumerable.Range(0, 3_000).Select(i => (Country: "C" + (i % 5).ToString(CultureInfo.InvariantCulture), Amount: i % 11 == 0 ? (int?)null : i)).ToList();
        Directory.CreateDirectory(Path.Join(_folder.FullName, "data"));
        for (var part = 0; part < 2; part++)
        {
            File.WriteAllLines(
                Path.Join(_folder.FullName, "data", $"p{part}.csv"),
                ["country,amount", .. rows.Where((_, i) => i % 2 == part).Select(r => r.Country + "," + r.Amount?.ToString(CultureInfo.InvariantCulture))]);
        }

        var expected = rows.GroupBy(r => r.Country).ToDictionary(g => g.Key, g => g.Sum(r => (long)(r.Amount ?? 0)) * 3);

        var (code, output, error) = await RunAsync("run", project, Path.Join(_folder.FullName, "data", "*.csv"), "--arg", "times=3", "--format", "json");

        Assert.True(code == ExitCodes.Success, error);
        var actual = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("country").GetString()!, r => r.GetProperty("n").GetInt64());
        Assert.Equal(expected, actual);
        Assert.Contains("ran locally on 2 file(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingPackage_IsABadUsageNamingIt()
    {
        File.WriteAllText(Path.Join(_folder.FullName, "a.csv"), "k\n1\n");
        var missing = Path.Join(_folder.FullName, "nothing-here");

        var (code, output, error) = await RunAsync("run", missing, Path.Join(_folder.FullName, "a.csv"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains($"error: the processor package '{missing}' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadArgumentOrIsolation_IsABadUsage()
    {
        File.WriteAllText(Path.Join(_folder.FullName, "a.csv"), "k\n1\n");

        var (argCode, _, argError) = await RunAsync("run", _folder.FullName, Path.Join(_folder.FullName, "a.csv"), "--arg", "novalue");
        var (isoCode, _, isoError) = await RunAsync("run", _folder.FullName, Path.Join(_folder.FullName, "a.csv"), "--isolation", "fiber");

        Assert.Equal(ExitCodes.Usage, argCode);
        Assert.Contains("invalid argument 'novalue' for --arg", argError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, isoCode);
        Assert.Contains("invalid isolation 'fiber' for --isolation", isoError, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new ConsoleContext { Out = output, Error = error };
        var exitCode = await ClientApplication.RunAsync(args, console);
        return (exitCode, output.ToString(), error.ToString());
    }
}
