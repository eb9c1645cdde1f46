using System.Globalization;
using OrleansProc.Contracts;
using OrleansProc.Infra.Tests.Support;
using OrleansProc.Security;
using OrleansProc.Silo.Hosting;

namespace OrleansProc.Infra.Tests.Kubernetes;

/// <summary>
/// infra/k8s parsed (no cluster here to apply it to): the base the kustomization lists, the secret template, and the
/// dev-only overlay with Azurite; checked against each other and against what the silo reads.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Base = "infra/k8s/base";

    private const string Dev = "infra/k8s/dev";

    private static readonly IReadOnlyList<YamlNode> s_base = Resources(Base);

    private static YamlNode Deployment => Single(s_base, "Deployment");

    private static YamlNode PodSpec => Deployment["spec"]["template"]["spec"];

    private static YamlNode Container => PodSpec["containers"].Items.Single();

    private static IReadOnlyDictionary<string, string> Config => Single(s_base, "ConfigMap")["data"].Strings;

    private static YamlNode SecretTemplate => YamlFiles.Load($"{Base}/storage-secret.template.yaml");

    private static YamlNode AccessSecretTemplate => YamlFiles.Load($"{Base}/access-secret.template.yaml");

    [Fact]
    public void Kustomization_ListsFilesThatExist_NotTheSecretTemplate()
    {
        var listed = YamlFiles.Load($"{Base}/kustomization.yaml")["resources"].Items.Select(r => r.Text).ToList();

        Assert.All(listed, file => Assert.True(File.Exists(YamlFiles.PathOf($"{Base}/{file}")), $"{Base}/{file} is missing"));
        Assert.DoesNotContain("storage-secret.template.yaml", listed);
        Assert.DoesNotContain("access-secret.template.yaml", listed);
        Assert.DoesNotContain(s_base, r => r["kind"].Text == "Secret");
    }

    [Fact]
    public void Deployment_ThreeSilos()
    {
        Assert.Equal(3, Deployment["spec"]["replicas"].Int);
    }

    [Fact]
    public void Images_PinnedToExactVersions_AzuriteAsTheNpmPin()
    {
        var containers = s_base.Concat(Resources(Dev))
            .Where(r => r["kind"].Text == "Deployment")
            .SelectMany(r => r["spec"]["template"]["spec"]["containers"].Items)
            .ToList();

        Assert.NotEmpty(containers);
        foreach (var container in containers)
        {
            var image = container["image"].Text;
            Assert.True(ImageReference.IsExactVersion(ImageReference.TagOf(image)), $"{container.Path}: image {image} is not pinned to an exact version");
            if (ImageReference.RepositoryOf(image) == "mcr.microsoft.com/azure-storage/azurite")
            {
                Assert.Equal(ImageReference.AzuriteVersion(), ImageReference.TagOf(image));
            }
        }
    }

    [Fact]
    public void Probes_ReadinessAndLivenessGetHealthzOnTheWebPort()
    {
        var webPort = Config["ORLEANSPROC_WEB_PORT"];
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            var get = Container[probe]["httpGet"];
            Assert.True(get.Exists, $"the silo has no {probe} over HTTP");
            Assert.Equal("/healthz", get["path"].Text);
            Assert.Equal(webPort, ContainerPort(get["port"].Text));
        }
    }

    [Fact]
    public void Ports_ContainerPortsAreTheConfiguredOnes()
    {
        Assert.Equal(Config["ORLEANSPROC_SILO_PORT"], ContainerPort("silo"));
        Assert.Equal(Config["ORLEANSPROC_GATEWAY_PORT"], ContainerPort("gateway"));
        Assert.Equal(Config["ORLEANSPROC_WEB_PORT"], ContainerPort("web"));
        Assert.Equal("0.0.0.0", Config["ORLEANSPROC_WEB_HOST"]);
    }

    [Fact]
    public void Shutdown_GracePeriodOutlastsTheSilosShutdownTimeout()
    {
        var grace = PodSpec["terminationGracePeriodSeconds"].Int;
        var shutdown = int.Parse(Config["ORLEANSPROC_SHUTDOWN_SECONDS"], CultureInfo.InvariantCulture);

        Assert.True(shutdown >= 30, $"ORLEANSPROC_SHUTDOWN_SECONDS {shutdown}: too short to hand grains over");
        Assert.True(grace >= shutdown + 10, $"terminationGracePeriodSeconds {grace} leaves the silo's {shutdown} s shutdown no margin");
    }

    [Fact]
    public void Environment_OnlyVariablesTheSiloReads()
    {
        var names = Config.Keys.Concat(Container["env"].Items.Select(e => e["name"].Text)).ToList();

        Assert.Contains(StorageNames.StorageVariable, names);
        foreach (var name in names)
        {
            Assert.True(ConfigurationNames.Silo.Contains(name), $"the silo pod sets {name}, which the silo does not read");
        }

        var fromConfigMap = Container["envFrom"].Items.Select(e => e["configMapRef"]["name"].Text).Single();
        Assert.Equal(Single(s_base, "ConfigMap")["metadata"]["name"].Text, fromConfigMap);
    }

    [Fact]
    public void Storage_FromTheSecret_NeverInlined()
    {
        var storage = Container["env"].Items.Single(e => e["name"].Text == StorageNames.StorageVariable);
        var reference = storage["valueFrom"]["secretKeyRef"];

        Assert.False(storage["value"].Exists, "the connection string is inlined in the Deployment");
        Assert.DoesNotContain(StorageNames.StorageVariable, Config.Keys);
        Assert.Equal(SecretTemplate["metadata"]["name"].Text, reference["name"].Text);
        Assert.Contains(reference["key"].Text, SecretTemplate["stringData"].Keys);
        foreach (var file in Directory.EnumerateFiles(YamlFiles.PathOf(Base)))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(ConnectionString.Parse(StorageNames.DevelopmentStorage)["AccountKey"], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SecretTemplate_HoldsPlaceholdersNotAKey()
    {
        var parts = ConnectionString.Parse(SecretTemplate["stringData"].Entries.Single().Value.Text);

        Assert.StartsWith("<", parts["AccountName"], StringComparison.Ordinal);
        Assert.StartsWith("<", parts["AccountKey"], StringComparison.Ordinal);
        Assert.False(IsBase64Key(parts["AccountKey"]), "the template holds what looks like a real key");
    }

    [Fact]
    public void Addressing_EachSiloAdvertisesItsPodIpAndIsNamedAfterItsPod()
    {
        var env = Container["env"].Items.ToDictionary(e => e["name"].Text);

        Assert.Equal("status.podIP", env[AdvertisedAddressResolver.IpVariable]["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.Equal("metadata.name", env["ORLEANSPROC_SILO_NAME"]["valueFrom"]["fieldRef"]["fieldPath"].Text);
    }

    [Fact]
    public void Security_RunsAsNonRoot()
    {
        var pod = PodSpec["securityContext"];

        Assert.Equal("true", pod["runAsNonRoot"].Text);
        Assert.True(pod["runAsUser"].Int > 0);
        Assert.Equal("false", Container["securityContext"]["allowPrivilegeEscalation"].Text);
    }

    [Fact]
    public void Security_ReadOnlyRootWithTmpFromAnEmptyDir_NoServiceAccountToken_CpuAndMemoryLimited()
    {
        Assert.Equal("true", Container["securityContext"]["readOnlyRootFilesystem"].Text);
        Assert.Equal("false", PodSpec["automountServiceAccountToken"].Text);
        var tmp = Container["volumeMounts"].Items.Single(m => m["mountPath"].Text == "/tmp");
        var volume = PodSpec["volumes"].Items.Single(v => v["name"].Text == tmp["name"].Text);
        Assert.True(volume["emptyDir"].Exists, $"{volume.Path}: /tmp is not an emptyDir");
        var limits = Container["resources"]["limits"];
        Assert.True(limits["cpu"].Exists, "the silo has no CPU limit");
        Assert.True(limits["memory"].Exists, "the silo has no memory limit");
    }

    [Fact]
    public void Keys_FromTheAccessSecret_NeverInlined_TemplateHoldsPlaceholders()
    {
        var env = Container["env"].Items.ToDictionary(e => e["name"].Text);
        foreach (var (variable, key) in new[] { (AccessSettings.ApiKeyVariable, "api-key"), (AccessSettings.SiloKeyVariable, "silo-key") })
        {
            var reference = env[variable]["valueFrom"]["secretKeyRef"];
            Assert.False(env[variable]["value"].Exists, $"{variable} is inlined in the Deployment");
            Assert.Equal(AccessSecretTemplate["metadata"]["name"].Text, reference["name"].Text);
            Assert.Equal(key, reference["key"].Text);
            Assert.StartsWith("<", AccessSecretTemplate["stringData"][key].Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(AccessSettings.ApiKeyVariable, Config.Keys);
    }

    [Fact]
    public void NetworkPolicy_SiloPortOnlyFromSilos_GatewayFromSilosAndClients()
    {
        var policy = Single(s_base, "NetworkPolicy");
        var podLabels = Deployment["spec"]["template"]["metadata"]["labels"].Strings;
        Assert.Equal(podLabels, policy["spec"]["podSelector"]["matchLabels"].Strings);
        Assert.Contains("Ingress", policy["spec"]["policyTypes"].Items.Select(t => t.Text));

        var rules = policy["spec"]["ingress"].Items;
        var siloPortRules = rules.Where(r => r["ports"].Items.Any(p => p["port"].Text == "silo")).ToList();
        var siloRule = Assert.Single(siloPortRules);
        var siloPeer = Assert.Single(siloRule["from"].Items);
        Assert.Equal(podLabels, siloPeer["podSelector"]["matchLabels"].Strings);
        Assert.False(siloPeer["namespaceSelector"].Exists);

        foreach (var rule in rules.Where(r => r["ports"].Items.Any(p => p["port"].Text == "gateway")))
        {
            Assert.All(rule["from"].Items, peer => Assert.True(
                peer["podSelector"]["matchLabels"].Strings.Count > 0,
                $"{peer.Path}: the gateway is open to pods without a client or silo label"));
        }

        foreach (var rule in rules)
        {
            Assert.True(rule["from"].Exists, $"{rule.Path}: a rule without 'from' admits every peer");
            Assert.All(rule["ports"].Items, p => Assert.NotNull(ContainerPort(p["port"].Text)));
        }
    }

    [Fact]
    public void DisruptionBudget_SelectsTheSiloPods_AndLeavesAQuorum()
    {
        var budget = Single(s_base, "PodDisruptionBudget");
        var podLabels = Deployment["spec"]["template"]["metadata"]["labels"].Strings;
        var selector = budget["spec"]["selector"]["matchLabels"].Strings;

        Assert.NotEmpty(selector);
        Assert.All(selector, label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
        var replicas = Deployment["spec"]["replicas"].Int;
        var left = budget["spec"]["maxUnavailable"].Exists
            ? replicas - budget["spec"]["maxUnavailable"].Int
            : budget["spec"]["minAvailable"].Int;
        Assert.InRange(left, replicas / 2 + 1, replicas - 1);
    }

    [Fact]
    public void Services_WebAndGatewaySelectTheSiloPodsAndTargetNamedPorts()
    {
        var podLabels = Deployment["spec"]["template"]["metadata"]["labels"].Strings;
        var services = s_base.Where(r => r["kind"].Text == "Service").ToList();

        foreach (var target in new[] { "web", "gateway" })
        {
            var service = services.Single(s => s["spec"]["ports"].Items.Any(p => p["targetPort"].Text == target));
            Assert.All(service["spec"]["selector"].Strings, label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
            Assert.NotNull(ContainerPort(target));
        }
    }

    [Fact]
    public void Dev_AzuriteAndASecretPointingAtIt_OnlyInTheDevOverlay()
    {
        var kustomization = YamlFiles.Load($"{Dev}/kustomization.yaml");
        Assert.Contains("../base", kustomization["resources"].Items.Select(r => r.Text));
        var dev = Resources(Dev);
        var service = dev.Single(r => r["kind"].Text == "Service" && r["metadata"]["name"].Text == "azurite");
        var servicePorts = service["spec"]["ports"].Items.Select(p => p["port"].Int).ToHashSet();
        Assert.DoesNotContain(s_base, r => r["metadata"]["name"].Text == "azurite");

        var generated = kustomization["secretGenerator"].Items.Single(g => g["name"].Text == SecretTemplate["metadata"]["name"].Text);
        Assert.Equal(SecretTemplate["metadata"]["name"].Text, generated["name"].Text);
        var literal = generated["literals"].Items.Single().Text.Split('=', 2);
        Assert.Contains(literal[0], SecretTemplate["stringData"].Keys);
        var storage = ConnectionString.Parse(literal[1]);
        var development = ConnectionString.Parse(StorageNames.DevelopmentStorage);
        Assert.Equal(development["AccountKey"], storage["AccountKey"]);
        foreach (var endpoint in new[] { "BlobEndpoint", "QueueEndpoint", "TableEndpoint" })
        {
            var uri = new Uri(storage[endpoint]);
            Assert.Equal("azurite", uri.Host);
            Assert.Equal(new Uri(development[endpoint]).Port, uri.Port);
            Assert.Contains(uri.Port, servicePorts);
        }
    }

    /// <summary>The resources a kustomization lists, every document of every file.</summary>
    private static List<YamlNode> Resources(string folder) => YamlFiles.Load($"{folder}/kustomization.yaml")["resources"].Items
        .Select(r => r.Text)
        .Where(r => File.Exists(YamlFiles.PathOf($"{folder}/{r}")))
        .SelectMany(r => YamlFiles.LoadAll($"{folder}/{r}"))
        .ToList();

    private static YamlNode Single(IEnumerable<YamlNode> resources, string kind) => resources.Single(r => r["kind"].Text == kind);

    /// <summary>The container port with that name (or number), as text.</summary>
    private static string? ContainerPort(string nameOrNumber) => Container["ports"].Items
        .Where(p => p["name"].Value as string == nameOrNumber || p["containerPort"].Text == nameOrNumber)
        .Select(p => p["containerPort"].Text)
        .SingleOrDefault();

    /// <summary>A storage account key: 64 bytes in base64.</summary>
    private static bool IsBase64Key(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var length) && length == 64;
    }
}
