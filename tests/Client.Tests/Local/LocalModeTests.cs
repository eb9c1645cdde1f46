using System.Text.Json;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Local;

namespace OrleansProc.Client.Tests.Local;

/// <summary>Local mode through the whole command line, in process, over files the test writes.</summary>
public sealed class LocalModeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("orleansproc-local-");

    [Theory]
    [InlineData("sales", false)]
    [InlineData("sales.v2", false)]
    [InlineData("data/*.csv", true)]
    [InlineData("./x.csv", true)]
    [InlineData("logs?.txt", true)]
    public void IsPath_NameOrPath_TellsThemApart(string text, bool expected) => Assert.Equal(expected, LocalPaths.IsPath(text));

    [Fact]
    public async Task Query_FromQuotedGlob_CountsRecordsAcrossFiles()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "a.csv"), "k,v\nx,1\ny,\"2\"\n");
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "b.csv"), "k,v\r\nx,\"3\"\r\nz,4\r\n");

        var (exitCode, output, _) = await RunAsync("query", $"SELECT k, SUM(v) AS s FROM '{_folder.FullName}/*.csv' GROUP BY k ORDER BY k", "--format", "json");

        Assert.Equal(ExitCodes.Success, exitCode);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(r => (r.GetProperty("k").GetString(), r.GetProperty("s").GetInt64())).ToList();
        Assert.Equal([("x", 4L), ("y", 2L), ("z", 4L)], rows);
    }

    [Fact]
    public async Task Query_LocalDelimiterAndStrictQuotes_ReadAsAsked()
    {
        var file = Path.Combine(_folder.FullName, "coords.csv");
        await File.WriteAllTextAsync(file, "k;lat\n00501;37°36'37.8\"N\n");

        var (exitCode, output, _) = await RunAsync("query", $"SELECT k, lat FROM '{file}'", "--delimiter", ";", "--format", "json");
        var (strictCode, _, strictError) = await RunAsync("query", $"SELECT k, lat FROM '{file}'", "--strict-quotes");
        var (badCode, _, badError) = await RunAsync("query", $"SELECT k FROM '{file}'", "--delimiter", ";;");

        Assert.Equal(ExitCodes.Success, exitCode);
        var row = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal(("00501", "37°36'37.8\"N"), (row.GetProperty("k").GetString(), row.GetProperty("lat").GetString()));
        Assert.NotEqual(ExitCodes.Success, strictCode);
        Assert.Contains("unterminated quoted field", strictError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badCode);
        Assert.Contains("invalid delimiter ';;' for --delimiter", badError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_JoinOfAMissingOrBrokenLinkedFile_ExitsTwoNamingIt()
    {
        var data = Path.Combine(_folder.FullName, "a.csv");
        await File.WriteAllTextAsync(data, "k,v\nx,1\n");
        var missing = Path.Combine(_folder.FullName, "missing.csv");
        var link = Path.Combine(_folder.FullName, "link.csv");
        File.CreateSymbolicLink(link, missing);

        var (missingCode, missingOutput, missingError) = await RunAsync("query", $"SELECT COUNT(*) AS n FROM '{data}' d JOIN '{missing}' m ON d.k = m.k");
        var (linkCode, _, linkError) = await RunAsync("query", $"SELECT COUNT(*) AS n FROM '{link}'");

        Assert.Equal(ExitCodes.Usage, missingCode);
        Assert.Empty(missingOutput);
        Assert.Contains($"error: No file or folder '{missing}' exists.", missingError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, linkCode);
        Assert.Contains($"error: '{link}' is a link to '{missing}', which does not exist", linkError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_LocalGroupByOverMaxGroups_FailsNamingTheLimit()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "a.csv"), "k,v\nx,1\ny,2\nz,3\nx,4\n");

        var (exitCode, output, error) = await RunAsync("query", $"SELECT k, COUNT(*) AS n FROM '{_folder.FullName}/a.csv' GROUP BY k", "--max-groups", "2");

        Assert.NotEqual(ExitCodes.Success, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("more than 2 groups (--max-groups 2)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_LocalGroupByAtMaxGroups_Completes()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "a.csv"), "k,v\nx,1\ny,2\nz,3\nx,4\n");

        var (exitCode, output, _) = await RunAsync("query", $"SELECT k, SUM(v) AS s FROM '{_folder.FullName}/a.csv' GROUP BY k ORDER BY k", "--max-groups", "3", "--format", "json");

        Assert.Equal(ExitCodes.Success, exitCode);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(r => (r.GetProperty("k").GetString(), r.GetProperty("s").GetInt64())).ToList();
        Assert.Equal([("x", 5L), ("y", 2L), ("z", 3L)], rows);
    }

    [Fact]
    public async Task Query_UnknownColumnOverLocalFile_ExitsTwoWithCaret()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "a.csv"), "k,v\nx,1\n");

        var (exitCode, _, error) = await RunAsync("query", $"SELECT nope FROM '{_folder.FullName}/a.csv'");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("error: unknown column 'nope'", error, StringComparison.Ordinal);
        Assert.Contains("^", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_LocalFileWithBadRecord_FailsNamingFileAndLine()
    {
        var file = Path.Combine(_folder.FullName, "t.csv");
        await File.WriteAllTextAsync(file, "id,text\n1,hello world\n2,\"open\n");

        var (exitCode, _, error) = await RunAsync("wordcount", file, "--column", "text");

        Assert.Equal(ExitCodes.Failure, exitCode);
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("t.csv", line, StringComparison.Ordinal);
        Assert.Contains("line 3", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_LocalOverMaxGroups_FailsNamingTheLimit()
    {
        var file = Path.Combine(_folder.FullName, "t.csv");
        await File.WriteAllTextAsync(file, "id,text\n1,The cat the\n2,dog cat\n3,bird\n");

        var (exitCode, output, error) = await RunAsync("wordcount", file, "--column", "text", "--max-groups", "3");

        Assert.NotEqual(ExitCodes.Success, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("the word count makes more than 3 distinct words (--max-groups 3)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_LocalAtMaxGroups_CompletesWithEveryWord()
    {
        string[] texts = ["The cat the", "dog cat", "bird"];
        var file = Path.Combine(_folder.FullName, "t.csv");
        await File.WriteAllLinesAsync(file, ["id,text", .. texts.Select((t, i) => $"{i},{t}")]);
        var expected = texts
            .SelectMany(t => t.Split(' '))
            .GroupBy(w => w.ToLowerInvariant())
            .Select(g => (Word: g.Key, Count: (long)g.Count()))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Word, StringComparer.Ordinal)
            .ToList();

        var (exitCode, output, _) = await RunAsync("wordcount", file, "--column", "text", "--max-groups", $"{expected.Count}", "--format", "json");

        Assert.Equal(ExitCodes.Success, exitCode);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(r => (r.GetProperty("word").GetString()!, r.GetProperty("count").GetInt64())).ToList();
        Assert.Equal(expected, rows);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Query_ProgressOnATerminal_StdoutHasOnlyTheData(string format)
    {
        var values = Enumerable.Range(1, 5_000).Select(i => (Key: $"k{i % 3}", Value: i)).ToList();
        await File.WriteAllLinesAsync(Path.Combine(_folder.FullName, "a.csv"), ["k,v", .. values.Select(r => $"{r.Key},{r.Value}")]);
        var expected = values.GroupBy(r => r.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Sum: g.Sum(r => (long)r.Value))).ToList();
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new ConsoleContext { Out = output, Error = error, ErrorIsTerminal = true, TerminalWidth = 80 };

        var exitCode = await ClientApplication.RunAsync(
            ["query", $"SELECT k, SUM(v) AS s FROM '{_folder.FullName}/a.csv' GROUP BY k ORDER BY k", "--format", format], console);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("\r", error.ToString(), StringComparison.Ordinal); // the live progress line was drawn, on stderr
        var text = output.ToString();
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        if (format == "csv")
        {
            Assert.Equal(["k,s", .. expected.Select(g => $"{g.Key},{g.Sum}"), ""], text.Split('\n'));
        }
        else
        {
            var rows = JsonDocument.Parse(text).RootElement.EnumerateArray().Select(r => (r.GetProperty("k").GetString()!, r.GetProperty("s").GetInt64())).ToList();
            Assert.Equal(expected, rows);
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new ConsoleContext { Out = output, Error = error };
        var exitCode = await ClientApplication.RunAsync(args, console);
        return (exitCode, output.ToString(), error.ToString());
    }
}
