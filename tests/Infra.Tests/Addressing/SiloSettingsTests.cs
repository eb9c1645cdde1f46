using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansProc.Silo.Hosting;

namespace OrleansProc.Infra.Tests.Addressing;

/// <summary>The container-facing settings of the silo: the advertised address and the shutdown timeout.</summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public void From_AdvertisedHost_ResolvedAtStart()
    {
        var settings = SiloSettings.From(Configuration((AdvertisedAddressResolver.HostVariable, "localhost")));

        Assert.True(IPAddress.IsLoopback(settings.AdvertisedAddress));
    }

    [Fact]
    public void From_AdvertisedIpAndHostBoth_Error()
    {
        Assert.Throws<InvalidOperationException>(() =>
            SiloSettings.From(Configuration((AdvertisedAddressResolver.IpVariable, "10.0.0.5"), (AdvertisedAddressResolver.HostVariable, "localhost"))));
    }

    [Fact]
    public void From_NoShutdownSetting_DotNetsDefault()
    {
        Assert.Equal(new HostOptions().ShutdownTimeout, TimeSpan.FromSeconds(SiloSettings.From(Configuration()).ShutdownSeconds));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("soon")]
    public void From_BadShutdownSeconds_Error(string value)
    {
        Assert.ThrowsAny<Exception>(() => SiloSettings.From(Configuration(("ORLEANSPROC_SHUTDOWN_SECONDS", value))));
    }

    [Fact]
    public void AddOrleansProcSilo_ShutdownSeconds_BecomesTheHostsShutdownTimeout()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("ORLEANSPROC_SHUTDOWN_SECONDS", "45")]);
        builder.AddOrleansProcSilo(SiloSettings.From(builder.Configuration));
        using var host = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(45), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();
}
