using OrleansProc.Contracts;
using OrleansProc.Infra.Tests.Support;
using OrleansProc.Silo.Hosting;

namespace OrleansProc.Infra.Tests.Containers;

/// <summary>infra/compose.yaml parsed (anchors and merge keys resolved) and checked against what the code reads.</summary>
public sealed class ComposeFileTests
{
    private const string ComposeFile = "infra/compose.yaml";

    private static readonly YamlNode s_compose = YamlFiles.Load(ComposeFile);

    private static YamlNode Services => s_compose["services"];

    /// <summary>The silo services: those built from the silo's Dockerfile.</summary>
    private static List<KeyValuePair<string, YamlNode>> Silos => Services.Entries
        .Where(s => s.Value["build"]["dockerfile"].Value as string == "infra/docker/silo.Dockerfile")
        .ToList();

    private static KeyValuePair<string, YamlNode> Azurite => Services.Entries
        .Single(s => s.Value["image"].Value is string image && ImageReference.RepositoryOf(image) == "mcr.microsoft.com/azure-storage/azurite");

    private static KeyValuePair<string, YamlNode> Client => Services.Entries
        .Single(s => s.Value["build"]["dockerfile"].Value as string == "infra/docker/client.Dockerfile");

    [Fact]
    public void Images_PinnedToExactVersions()
    {
        foreach (var (name, service) in Services.Entries)
        {
            var image = service["image"].Text;
            Assert.True(ImageReference.IsExactVersion(ImageReference.TagOf(image)), $"service {name}: image {image} is not pinned to an exact version");
        }
    }

    [Fact]
    public void Azurite_SameVersionAsTheNpmPin()
    {
        Assert.Equal(ImageReference.AzuriteVersion(), ImageReference.TagOf(Azurite.Value["image"].Text));
    }

    [Fact]
    public void Builds_NameDockerfilesThatExistUnderTheContext()
    {
        foreach (var (name, service) in Services.Entries.Where(s => s.Value["build"].Exists))
        {
            var context = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(YamlFiles.PathOf(ComposeFile))!, service["build"]["context"].Text));
            Assert.True(File.Exists(Path.Combine(context, service["build"]["dockerfile"].Text)), $"service {name}: its Dockerfile is missing");
            Assert.True(File.Exists(Path.Combine(context, "OrleansProc.sln")), $"service {name}: the build context is not the repository root");
        }
    }

    [Fact]
    public void Silos_ThreeWithDistinctNamesInOneCluster()
    {
        var silos = Silos;

        Assert.Equal(3, silos.Count);
        Assert.Equal(3, silos.Select(s => EnvironmentOf(s.Value)["ORLEANSPROC_SILO_NAME"]).Distinct().Count());
        Assert.Single(silos.Select(s => EnvironmentOf(s.Value)[StorageNames.ClusterVariable]).Distinct());
    }

    [Fact]
    public void Silos_SetOnlyVariablesTheSiloReads()
    {
        foreach (var (name, silo) in Silos)
        {
            foreach (var variable in EnvironmentOf(silo).Keys)
            {
                Assert.True(ConfigurationNames.Silo.Contains(variable), $"service {name} sets {variable}, which the silo does not read");
            }
        }
    }

    [Fact]
    public void Client_SetsOnlyVariablesTheClientReads_SameClusterAndStorageAsTheSilos()
    {
        var client = EnvironmentOf(Client.Value);
        var silo = EnvironmentOf(Silos[0].Value);

        foreach (var variable in client.Keys)
        {
            Assert.True(ConfigurationNames.Client.Contains(variable), $"the client service sets {variable}, which the client does not read");
        }

        Assert.Equal(silo[StorageNames.ClusterVariable], client[StorageNames.ClusterVariable]);
        Assert.Equal(silo[StorageNames.StorageVariable], client[StorageNames.StorageVariable]);
    }

    [Fact]
    public void Client_OneOffServiceBehindAProfile()
    {
        Assert.NotEmpty(Client.Value["profiles"].Items);
        Assert.All(Silos, silo => Assert.False(silo.Value["profiles"].Exists, $"{silo.Key} must start with `up`"));
    }

    [Fact]
    public void Silos_StorageIsTheComposeAzurite_WithAzuritesDevelopmentAccount()
    {
        var azurite = Azurite;
        var containerPorts = azurite.Value["ports"].Items.Select(p => int.Parse(p.Text.Split(':')[^1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var development = ConnectionString.Parse(StorageNames.DevelopmentStorage);

        foreach (var (name, silo) in Silos)
        {
            var storage = ConnectionString.Parse(EnvironmentOf(silo)[StorageNames.StorageVariable]);
            Assert.Equal(development["AccountName"], storage["AccountName"]);
            Assert.Equal(development["AccountKey"], storage["AccountKey"]);
            foreach (var endpoint in new[] { "BlobEndpoint", "QueueEndpoint", "TableEndpoint" })
            {
                var uri = new Uri(storage[endpoint]);
                var local = new Uri(development[endpoint]);
                Assert.True(uri.Host == azurite.Key, $"service {name}: {endpoint} {uri} is not on the compose service {azurite.Key}");
                Assert.Equal(local.Port, uri.Port);
                Assert.Contains(uri.Port, containerPorts);
                Assert.Equal(local.AbsolutePath, uri.AbsolutePath);
            }
        }
    }

    [Fact]
    public void Silos_AdvertiseTheirContainerAddress()
    {
        foreach (var (name, silo) in Silos)
        {
            var environment = EnvironmentOf(silo);
            var advertised = environment.GetValueOrDefault(AdvertisedAddressResolver.IpVariable);
            var host = environment.GetValueOrDefault(AdvertisedAddressResolver.HostVariable);
            Assert.True(
                string.Equals(advertised, AdvertisedAddressResolver.Auto, StringComparison.OrdinalIgnoreCase) || host == name,
                $"service {name} advertises neither its own address ({AdvertisedAddressResolver.IpVariable}={AdvertisedAddressResolver.Auto}) nor its service name");
        }
    }

    [Fact]
    public void Silos_ExposeTheirPorts_HealthcheckGetsHealthzOnTheWebPort()
    {
        foreach (var (name, silo) in Silos)
        {
            var environment = EnvironmentOf(silo);
            var web = environment["ORLEANSPROC_WEB_PORT"];
            var exposed = silo["expose"].Items.Select(p => p.Text).ToList();
            Assert.Contains(environment["ORLEANSPROC_SILO_PORT"], exposed);
            Assert.Contains(environment["ORLEANSPROC_GATEWAY_PORT"], exposed);
            Assert.Contains(web, exposed);
            Assert.Equal("0.0.0.0", environment["ORLEANSPROC_WEB_HOST"]);
            Assert.All(silo["ports"].Items, p => Assert.EndsWith($":{web}", p.Text, StringComparison.Ordinal));

            var check = string.Join(' ', silo["healthcheck"]["test"].Items.Select(i => i.Text));
            Assert.Contains($"/dev/tcp/127.0.0.1/{web}", check, StringComparison.Ordinal);
            Assert.Contains("GET /healthz ", check, StringComparison.Ordinal);
            _ = name;
        }
    }

    [Fact]
    public void Silos_StopGracePeriod_LongerThanTheSilosShutdownTimeout()
    {
        foreach (var (name, silo) in Silos)
        {
            var grace = ParseDuration(silo["stop_grace_period"].Text);
            var shutdown = TimeSpan.FromSeconds(int.Parse(EnvironmentOf(silo)["ORLEANSPROC_SHUTDOWN_SECONDS"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(grace >= shutdown + TimeSpan.FromSeconds(10), $"service {name}: stop_grace_period {grace} leaves the silo's {shutdown} shutdown no margin");
        }
    }

    private static IReadOnlyDictionary<string, string> EnvironmentOf(YamlNode service) => service["environment"].Strings;

    private static TimeSpan ParseDuration(string text) => text switch
    {
        _ when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(text[..^2], System.Globalization.CultureInfo.InvariantCulture)),
        _ when text.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ when text.EndsWith('m') => TimeSpan.FromMinutes(double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"duration '{text}'"),
    };
}
