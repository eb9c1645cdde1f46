using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansProc.Silo.Hosting;

namespace OrleansProc.Silo.Tests.Hosting;

/// <summary>What the silo's host hands Orleans, read back from the built host's options (no silo started).</summary>
public sealed class SiloHostingExtensionsTests
{
    [Fact]
    public void AddOrleansProcSilo_Default_GrainDirectoryCacheATenthOfOrleansDefaultOrLess()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddOrleansProcSilo(SiloSettings.From(builder.Configuration));
        using var host = builder.Build();

        var cacheSize = host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize;

        // Orleans allocates the cache at this capacity and its cache-size gauge walks all of it on every metrics sample.
        Assert.Equal(SiloHostingExtensions.DirectoryCacheSize, cacheSize);
        Assert.InRange(cacheSize, 1, GrainDirectoryOptions.DEFAULT_CACHE_SIZE / 10);
    }
}
