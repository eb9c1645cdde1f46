using System.Xml.Linq;
using OrleansProc.TestSupport;

namespace OrleansProc.Infra.Tests.Containers;

/// <summary>
/// The silo project's runtime settings, read as text: what the ReadyToRun publish (the image, <c>dev up</c>, the
/// bench) runs with and what the plain build keeps.
/// </summary>
public sealed class SiloProjectTests
{
    [Fact]
    public void TieredCompilation_OffOnlyInTheReadyToRunPublish()
    {
        var root = XDocument.Load(Path.Combine(RepositoryRoot.Path, "src/Silo/Silo.csproj")).Root!;

        var settings = root.Descendants("TieredCompilation").ToList();

        // Off where the code is precompiled (the image and ./orleansproc publish with -p:PublishReadyToRun=true, see
        // DockerfileTests); a plain build without precompiled code would compile every method optimized at start.
        var setting = Assert.Single(settings);
        Assert.Equal("false", setting.Value.Trim());
        var condition = setting.Attribute("Condition")?.Value ?? setting.Parent!.Attribute("Condition")?.Value;
        Assert.NotNull(condition);
        Assert.Equal("'$(PublishReadyToRun)'=='true'", condition.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void ThreadPool_IdleWorkersDoNotSpin()
    {
        var root = XDocument.Load(Path.Combine(RepositoryRoot.Path, "src/Silo/Silo.csproj")).Root!;

        var option = Assert.Single(root.Descendants("RuntimeHostConfigurationOption"), o => o.Attribute("Include")?.Value == "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit");

        Assert.Equal("0", option.Attribute("Value")?.Value);
        Assert.Null(option.Parent!.Attribute("Condition"));
    }
}
