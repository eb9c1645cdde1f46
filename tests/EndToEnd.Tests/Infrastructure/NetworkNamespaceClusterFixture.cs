using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster on real hosts: Azurite and each silo in a network namespace of its own (a <see cref="NetworkNamespaceLab"/>),
/// each with its own address on a bridge, the silos advertising and binding that address; the client (the test process)
/// stays in the root namespace and reaches them over the bridge. A test cuts a silo's link, freezes or stops it.
/// Nothing starts when the lab cannot run here (<see cref="NetworkNamespaceFactAttribute"/> skips the tests then).
/// </summary>
public sealed class NetworkNamespaceClusterFixture : ClusterFixture
{
    private readonly Dictionary<int, NetworkHost> _siloHosts = [];
    private readonly Dictionary<ChildProcess, NetworkHost> _hostOfSilo = [];
    private NetworkNamespaceLab? _lab;

    private NetworkNamespaceLab Lab => _lab ?? throw new InvalidOperationException("the network namespace lab is not created");

    public override async Task InitializeAsync()
    {
        if (NetworkNamespaceLab.UnavailableReason() is null)
        {
            await base.InitializeAsync();
        }
    }

    /// <summary>The host (namespace, address, link) silo process <paramref name="silo"/> runs on.</summary>
    public NetworkHost HostOf(ChildProcess silo) => _hostOfSilo[silo];

    protected override Task<AzuriteProcess> StartStorageAsync()
    {
        _lab = NetworkNamespaceLab.Create();
        var host = _lab.AddHost("azurite");
        return AzuriteProcess.StartAsync(WorkDirectory, StorageOnDisk, host.Address, NetworkNamespaceLab.Launcher(host));
    }

    protected override ChildProcess StartSiloProcess(int index, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        if (!_siloHosts.TryGetValue(index, out var host))
        {
            host = Lab.AddHost($"silo{index}");
            _siloHosts[index] = host;
        }

        var silo = NetworkNamespaceLab.Start(
            host,
            "dotnet",
            [RepositoryRoot.SiloDll],
            new Dictionary<string, string>(environment)
            {
                ["ORLEANSPROC_ADVERTISED_IP"] = host.Address,
                ["ORLEANSPROC_WEB_HOST"] = host.Address,
            },
            logPath);
        _hostOfSilo[silo] = host;
        return silo;
    }

    protected override string SiloAddress(int index) => _siloHosts[index].Address;

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            _lab?.Dispose();
        }
    }
}
