using OrleansProc.TestSupport;
using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Tests.Cli;

/// <summary>Every command that takes a dataset or job name refuses a hostile one before it reaches the cluster or storage.</summary>
public sealed class HostileNameArgumentTests
{
    private static readonly string[] s_names =
    [
        "../etc",
        "%2e%2e",
        "%2e%2e%2fjobs",
        "a/b",
        "bad\u0007name",
        "line\nbreak",
        "trailing.",
        new string('n', 2_000),
    ];

    public static TheoryData<string, string> Commands()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in s_names)
        {
            foreach (var command in new[] { "dataset show", "dataset delete", "dataset upload", "dataset generate", "wordcount", "job status", "job watch", "job result", "job cancel" })
            {
                data.Add(command, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task RunAsync_HostileName_OneErrorLineExit2AndNothingElse(string command, string name)
    {
        string[] extra = command switch
        {
            "dataset upload" => ["no-such-file.csv"],
            "dataset generate" => ["--rows", "1"],
            "wordcount" => ["--column", "c"],
            _ => [],
        };
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new ConsoleContext { Out = output, Error = error, Time = new ManualTimeProvider(DateTimeOffset.UnixEpoch) };

        var exitCode = await ClientApplication.RunAsync([.. command.Split(' '), name, .. extra], console);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output.ToString());
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        // wordcount takes a local path too: a name with '/' is a path that does not exist.
        Assert.True(line.Contains("invalid", StringComparison.Ordinal) || (command == "wordcount" && line.Contains("No file or folder", StringComparison.Ordinal)), line);
        Assert.DoesNotContain(line, char.IsControl);
        Assert.True(line.Length < 400, $"{line.Length} characters");
    }
}
