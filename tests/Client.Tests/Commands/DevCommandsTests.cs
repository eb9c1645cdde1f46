using System.Text.Json;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Commands;
using OrleansProc.Client.Output;
using OrleansProc.DevCluster;

namespace OrleansProc.Client.Tests.Commands;

public sealed class DevCommandsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orleansproc-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void WriteStatus_SiloWithWebPort_TableShowsWebPortAndPage()
    {
        var output = new StringWriter();

        DevCommands.WriteStatus(ConsoleWithSilo1(output, out var supervisor), supervisor, OutputFormat.Table);

        var line = Assert.Single(output.ToString().Split('\n'), l => l.Contains("silo1", StringComparison.Ordinal));
        Assert.Contains("web 8081", line, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8081/", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteStatus_Json_OneLineWithTheSilos()
    {
        var output = new StringWriter();

        DevCommands.WriteStatus(ConsoleWithSilo1(output, out var supervisor), supervisor, OutputFormat.Json);

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("silo1", json.RootElement.GetProperty("silos")[0].GetProperty("name").GetString());
    }

    /// <summary>A console writing results to <paramref name="output"/>, and the supervisor of a root that recorded silo1.</summary>
    private ConsoleContext ConsoleWithSilo1(StringWriter output, out DevSupervisor supervisor)
    {
        var paths = new DevPaths(_root);
        Directory.CreateDirectory(paths.StateDirectory);
        File.WriteAllText(paths.StateFile, """{ "silos": [ { "name": "silo1", "pid": -1, "siloPort": 11112, "gatewayPort": 30001, "webPort": 8081, "log": "/x/silo1.log" } ] }""");
        var console = new ConsoleContext { Out = output, Error = new StringWriter() };
        supervisor = new DevSupervisor(paths, console.Error, console.Time);
        return console;
    }
}
