using OrleansProc.TestSupport;
using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Tests.Cli;

public sealed class ClientApplicationTests
{
    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new ConsoleContext { Out = output, Error = error, Time = new ManualTimeProvider(DateTimeOffset.UnixEpoch) };
        var exitCode = await ClientApplication.RunAsync(args, console);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static void AssertOneErrorLine(string error, string expectedFragment)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expectedFragment, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "no-such-command" }, "unrecognized command or argument 'no-such-command'")]
    [InlineData(new[] { "query" }, "required argument missing")]
    [InlineData(new[] { "query", "SELECT 1", "--no-such-option" }, "unrecognized command or argument '--no-such-option'")]
    [InlineData(new[] { "query", "SELECT 1", "--format", "xml" }, "unknown format 'xml'")]
    [InlineData(new[] { "query", "SELECT 1", "--partition-size", "lots" }, "invalid size 'lots' for --partition-size")]
    [InlineData(new[] { "dataset", "show", "../etc" }, "invalid dataset name '../etc'")]
    [InlineData(new[] { "dataset", "generate", "sales" }, "option '--rows' is required")]
    [InlineData(new[] { "dataset", "generate", "sales", "--rows", "many" }, "--rows takes a whole number, not 'many'")]
    [InlineData(new[] { "dataset", "generate", "sales", "--rows", "10", "--parts", "0" }, "--parts must be between 1 and 10,000, not 0")]
    [InlineData(new[] { "dataset", "upload", "sales" }, "required argument missing")]
    [InlineData(new[] { "dataset", "upload", "sales", "a.csv", "--format", "xml" }, "xml")]
    [InlineData(new[] { "wordcount", "sales" }, "option '--column' is required")]
    [InlineData(new[] { "wordcount", "sales", "--column", "c", "--top", "0" }, "--top must be between")]
    [InlineData(new[] { "wordcount", "sales", "--column", "c", "--max-groups", "0" }, "--max-groups must be between 1 and")]
    [InlineData(new[] { "wordcount", "sales", "--column", "c", "--max-groups", "many" }, "--max-groups takes a whole number, not 'many'")]
    [InlineData(new[] { "query", "SELECT 1", "--max-groups", "0" }, "--max-groups must be between 1 and")]
    [InlineData(new[] { "query", "SELECT 1", "--snapshot", "sometimes" }, "unknown snapshot mode 'sometimes' for --snapshot: use fail or retry")]
    [InlineData(new[] { "wordcount", "sales", "--column", "c", "--snapshot", "never" }, "unknown snapshot mode 'never'")]
    [InlineData(new[] { "query", "SELECT 1", "--output-format", "json" }, "json")]
    [InlineData(new[] { "query", "SELECT 1", "--partition-timeout", "soon" }, "--partition-timeout 'soon' is not a duration")]
    [InlineData(new[] { "wordcount", "sales", "--column", "c", "--partition-timeout", "0" }, "--partition-timeout '0' is not a duration")]
    [InlineData(new[] { "job", "status" }, "required argument missing")]
    [InlineData(new[] { "job", "watch", "bad id" }, "invalid job name 'bad id'")]
    [InlineData(new[] { "dev", "up", "--silos", "0" }, "--silos must be between 1 and 16")]
    [InlineData(new[] { "dev", "status", "--format", "csv" }, "csv")]
    [InlineData(new[] { "dataset" }, "required command was not provided")]
    [InlineData(new string[0], "required command was not provided")]
    public async Task RunAsync_BadUsage_OneErrorLineAndExit2(string[] args, string expectedFragment)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        AssertOneErrorLine(error, expectedFragment);
    }

    [Fact]
    public async Task RunAsync_BadUsage_PointsToTheCommandsHelp()
    {
        var (_, _, error) = await RunAsync("dataset", "show");

        Assert.EndsWith("see ./orleansproc dataset show --help\n", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("query --help")]
    [InlineData("dataset upload --help")]
    [InlineData("job watch -h")]
    [InlineData("dev up --help")]
    public async Task RunAsync_Help_PrintsUsageAndExamplesAndExit0(string commandLine)
    {
        var (exitCode, output, error) = await RunAsync(commandLine.Split(' '));

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("orleansproc", output, StringComparison.Ordinal);
        Assert.Contains("Example", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HelpWithMissingArgument_StillHelp()
    {
        var (exitCode, output, _) = await RunAsync("dataset", "show", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("./orleansproc dataset show sales", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UploadOfMissingFile_Exit2BeforeTouchingTheCluster()
    {
        var missing = Path.Combine(Path.GetTempPath(), "orleansproc-no-such-file-" + Guid.NewGuid().ToString("N") + ".csv");

        var (exitCode, _, error) = await RunAsync("dataset", "upload", "sales", missing);

        Assert.Equal(2, exitCode);
        AssertOneErrorLine(error, "no file or folder");
    }

    [Fact]
    public async Task RunAsync_EmptyQuery_Exit2()
    {
        var (exitCode, _, error) = await RunAsync("query", "  ");

        Assert.Equal(2, exitCode);
        AssertOneErrorLine(error, "the query is empty");
    }
}
