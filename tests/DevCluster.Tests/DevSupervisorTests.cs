namespace OrleansProc.DevCluster.Tests;

public sealed class DevSupervisorTests : IDisposable
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

        var silo = new DevSupervisor(paths, new StringWriter(), TimeProvider.System).StatusJson()["silos"]![0]!;

        Assert.Equal(8083, (int)silo["webPort"]!);
        Assert.Equal("http://127.0.0.1:8083/", (string)silo["page"]!);
    }

    [Fact]
    public void StatusRows_SiloWithWebPort_ShowWebPortAndPage()
    {
        var paths = new DevPaths(_root);
        new DevStateStore(paths).Save(new DevState
        {
            Silos = [new SiloState { Name = "silo1", Pid = -1, SiloPort = 11112, GatewayPort = 30001, WebPort = 8081, Log = "/x/silo1.log" }],
        });

        var rows = new DevSupervisor(paths, new StringWriter(), TimeProvider.System).StatusRows();

        var row = Assert.Single(rows, r => r[0] == "silo1");
        Assert.Equal(DevSupervisor.StatusColumns.Count, row.Count);
        Assert.Contains("web 8081", row[2], StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:8081/", row[4]);
    }

    [Fact]
    public void StatusJson_StateSavedBeforeWebPorts_NoPage()
    {
        var paths = new DevPaths(_root);
        Directory.CreateDirectory(paths.StateDirectory);
        File.WriteAllText(paths.StateFile, """{ "silos": [ { "name": "silo0", "pid": -1, "siloPort": 11111, "gatewayPort": 30000, "log": "/x/silo0.log" } ] }""");

        var silo = new DevSupervisor(paths, new StringWriter(), TimeProvider.System).StatusJson()["silos"]![0]!;

        Assert.Null(silo["webPort"]);
        Assert.Null(silo["page"]);
    }
}
