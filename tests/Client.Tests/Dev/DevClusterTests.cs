using OrleansProc.Client.Cli;
using OrleansProc.Client.Dev;

namespace OrleansProc.Client.Tests.Dev;

public sealed class DevClusterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orleansproc-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void StatusJson_SiloWithWebPort_ShowsPortAndPage()
    {
        var paths = new DevPaths(_root);
        new DevStateStore(paths).Save(new DevState
        {
            Silos = [new SiloState { Name = "silo0", Pid = -1, SiloPort = 11111, GatewayPort = 30000, WebPort = 8083, Log = "/x/silo0.log" }],
        });

        var silo = new DevCluster(paths, new ConsoleContext { Out = new StringWriter(), Error = new StringWriter() }).StatusJson()["silos"]![0]!;

        Assert.Equal(8083, (int)silo["webPort"]!);
        Assert.Equal("http://127.0.0.1:8083/", (string)silo["page"]!);
    }

    [Fact]
    public void WriteStatus_SiloWithWebPort_TableShowsWebPortAndPage()
    {
        var paths = new DevPaths(_root);
        new DevStateStore(paths).Save(new DevState
        {
            Silos = [new SiloState { Name = "silo1", Pid = -1, SiloPort = 11112, GatewayPort = 30001, WebPort = 8081, Log = "/x/silo1.log" }],
        });
        var output = new StringWriter();

        new DevCluster(paths, new ConsoleContext { Out = output, Error = new StringWriter() }).WriteStatus(Client.Output.OutputFormat.Table);

        var line = Assert.Single(output.ToString().Split('\n'), l => l.Contains("silo1", StringComparison.Ordinal));
        Assert.Contains("web 8081", line, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8081/", line, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusJson_StateSavedBeforeWebPorts_NoPage()
    {
        var paths = new DevPaths(_root);
        Directory.CreateDirectory(paths.StateDirectory);
        File.WriteAllText(paths.StateFile, """{ "silos": [ { "name": "silo0", "pid": -1, "siloPort": 11111, "gatewayPort": 30000, "log": "/x/silo0.log" } ] }""");

        var silo = new DevCluster(paths, new ConsoleContext { Out = new StringWriter(), Error = new StringWriter() }).StatusJson()["silos"]![0]!;

        Assert.Null(silo["webPort"]);
        Assert.Null(silo["page"]);
    }
}
