namespace OrleansProc.DevCluster.Tests;

public sealed class DevStateStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orleansproc-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Save_ThenLoad_SameState()
    {
        var store = new DevStateStore(new DevPaths(_root));
        var state = new DevState
        {
            Azurite = new AzuriteState { Pid = 0, StartedByDevUp = false },
            Silos = [new SiloState { Name = "silo0", Pid = 42, SiloPort = 11111, GatewayPort = 30000, Log = "/x/silo0.log", StartMarker = "123" }],
        };

        store.Save(state);
        var loaded = store.Load();

        Assert.NotNull(loaded);
        Assert.Equal(state.Azurite, loaded.Azurite);
        Assert.Equal(state.Silos, loaded.Silos);
        Assert.True(File.Exists(Path.Combine(_root, ".orleansproc", "dev.json")));
    }

    [Fact]
    public void Load_NoFile_Null()
    {
        Assert.Null(new DevStateStore(new DevPaths(_root)).Load());
    }
}
