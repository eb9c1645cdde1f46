using System.Text.RegularExpressions;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Local;
using OrleansProc.TestSupport;

namespace OrleansProc.Client.Tests.Local;

/// <summary>
/// The Native AOT front door's routing: which command lines run in its process and which go to the managed client;
/// what runs here answers as the managed client does (same output, errors and exit status).
/// </summary>
public sealed class LocalFrontDoorTests : IDisposable
{
    private const int HandOffStatus = 77;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("orleansproc-frontdoor-");

    private int _handOffs;

    [Theory]
    [InlineData(true, "query", "SELECT COUNT(*) FROM 'data/*.csv'")]
    [InlineData(true, "query", "SELECT COUNT(*) FROM sales", "--format", "csv")]
    [InlineData(true, "wordcount", "books/*.txt", "--column", "line")]
    [InlineData(false)]
    [InlineData(false, "--help")]
    [InlineData(false, "--version")]
    [InlineData(false, "query", "SELECT 1", "--help")]
    [InlineData(false, "wordcount", "-h")]
    [InlineData(false, "dataset", "list")]
    [InlineData(false, "dev", "up")]
    [InlineData(false, "no-such-command")]
    [InlineData(false, "[suggest]", "query")]
    [InlineData(false, "Query", "SELECT 1")]
    public void MayRunHere_CommandLine_OnlyLocalCommandsWithoutHelp(bool expected, params string[] args) =>
        Assert.Equal(expected, LocalFrontDoor.MayRunHere(args));

    [Theory]
    [InlineData("--help")]
    [InlineData("dataset", "list")]
    [InlineData("job", "status", "j1")]
    [InlineData("no-such-command")]
    [InlineData("query", "SELECT COUNT(*) FROM sales")]
    [InlineData("query", "SELECT COUNT(*) FROM sales", "--format", "csv", "--detach")]
    [InlineData("wordcount", "sales", "--column", "comment")]
    [InlineData("query", "SELECT 1", "--no-such-option")]
    [InlineData("wordcount", "sales")]
    [InlineData("query", "SELECT 1", "--help")]
    public async Task RunAsync_ClusterHelpOrParseError_HandsOffWritingNothing(params string[] args)
    {
        var (exitCode, output, error) = await RunFrontDoorAsync(args);

        Assert.Equal((HandOffStatus, 1), (exitCode, _handOffs));
        Assert.Equal((string.Empty, string.Empty), (output, error));
    }

    [Fact]
    public async Task RunAsync_LocalQuery_RunsHereWithTheAnswerOfTheFiles()
    {
        var rows = Enumerable.Range(0, 500).Select(i => (Key: "k" + (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), Value: i)).ToList();
        await File.WriteAllLinesAsync(Path.Combine(_folder.FullName, "a.csv"), ["k,v", .. rows.Take(200).Select(r => FormattableString.Invariant($"{r.Key},{r.Value}"))]);
        await File.WriteAllLinesAsync(Path.Combine(_folder.FullName, "b.csv"), ["k,v", .. rows.Skip(200).Select(r => FormattableString.Invariant($"{r.Key},{r.Value}"))]);
        var expected = rows.GroupBy(r => r.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => FormattableString.Invariant($"{g.Key},{g.Sum(r => r.Value)}"));

        var (exitCode, output, error) = await RunFrontDoorAsync("query", $"SELECT k, SUM(v) AS s FROM '{_folder.FullName}/*.csv' GROUP BY k ORDER BY k", "--format", "csv");

        Assert.Equal((ExitCodes.Success, 0), (exitCode, _handOffs));
        Assert.Equal(["k,s", .. expected], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ran locally on 2 file(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LocalWordCount_RunsHereWithTheWordsOfTheFile()
    {
        string[] lines = ["The cat and the dog", "the Dog, the cat; a bird", "Émile et l'été"];
        await File.WriteAllLinesAsync(Path.Combine(_folder.FullName, "t.csv"), ["line", .. lines.Select(l => "\"" + l + "\"")]);
        var expected = lines.SelectMany(l => Regex.Matches(l, @"\p{L}+").Select(m => m.Value.ToLowerInvariant()))
            .GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3)
            .Select(g => FormattableString.Invariant($"{g.Key},{g.Count()}"));

        var (exitCode, output, _) = await RunFrontDoorAsync("wordcount", Path.Combine(_folder.FullName, "t.csv"), "--column", "line", "--top", "3", "--format", "csv");

        Assert.Equal((ExitCodes.Success, 0), (exitCode, _handOffs));
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
    }

    [Theory]
    [InlineData("query", "SELECT k FROM 'FOLDER/a.csv' WHERE", "--format", "csv")]
    [InlineData("query", "SELECT nope FROM 'FOLDER/a.csv'")]
    [InlineData("query", "SELECT k FROM 'FOLDER/missing-*.csv'")]
    [InlineData("query", "SELECT k FROM 'FOLDER/a.csv'", "--detach")]
    [InlineData("query", "   ")]
    [InlineData("query", "SELECT COUNT(*) FROM sales", "--delimiter", ";")]
    [InlineData("wordcount", "FOLDER/a.csv", "--column", "nope")]
    [InlineData("query", "SELECT k, COUNT(*) AS n FROM 'FOLDER/a.csv' GROUP BY k ORDER BY k", "--format", "json")]
    public async Task RunAsync_LocalCommandLine_AnswersAsTheManagedClient(params string[] template)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "a.csv"), "k,v\nx,1\ny,2\nx,3\n");
        var args = template.Select(a => a.Replace("FOLDER", _folder.FullName, StringComparison.Ordinal)).ToArray();

        var here = await RunFrontDoorAsync(args);
        var managed = await RunManagedAsync(args);

        Assert.Equal(0, _handOffs);
        Assert.Equal(managed, here);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static (int ExitCode, string Out, string Error) WithoutTimings((int ExitCode, string Out, string Error) run) =>
        (run.ExitCode, run.Out, Regex.Replace(run.Error, @"\d+(\.\d+)?\s?(ms|s)\b", "T"));

    private async Task<(int ExitCode, string Out, string Error)> RunFrontDoorAsync(params string[] args)
    {
        var (output, error) = (new StringWriter { NewLine = "\n" }, new StringWriter { NewLine = "\n" });
        var console = new ConsoleContext
        {
            Out = output,
            Error = error,
            Time = new ManualTimeProvider(DateTimeOffset.UnixEpoch),
            HandOff = () => ++_handOffs > 0 ? HandOffStatus : 0,
        };
        var exitCode = await LocalFrontDoor.RunAsync(args, console);
        return WithoutTimings((exitCode, output.ToString(), error.ToString()));
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunManagedAsync(params string[] args)
    {
        var (output, error) = (new StringWriter { NewLine = "\n" }, new StringWriter { NewLine = "\n" });
        var console = new ConsoleContext { Out = output, Error = error, Time = new ManualTimeProvider(DateTimeOffset.UnixEpoch) };
        var exitCode = await ClientApplication.RunAsync(args, console);
        return WithoutTimings((exitCode, output.ToString(), error.ToString()));
    }
}
