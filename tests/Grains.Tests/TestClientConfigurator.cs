using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace OrleansProc.Grains.Tests;

/// <summary>The test cluster's client propagates the caller's trace into grain calls, as the console does.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddActivityPropagation();
}
