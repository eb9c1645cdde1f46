using OrleansProc.Client.Cluster;
using OrleansProc.Contracts;

namespace OrleansProc.Client.Tests.Cluster;

public sealed class ClusterUnreachableTests
{
    [Fact]
    public void Error_AnyReason_OneLineNamingTheClusterWithHintAndExit1()
    {
        var settings = new StorageSettings(StorageNames.DevelopmentStorage, "dev", "orleansproc");

        var error = ClusterUnreachable.Error(settings, "nothing listens on 127.0.0.1:10002.\nmore detail");

        Assert.Equal(1, error.ExitCode);
        Assert.Equal("cannot reach the cluster 'dev' (table storage 127.0.0.1:10002): nothing listens on 127.0.0.1:10002: is it running? try ./orleansproc dev up", error.Message);
        Assert.DoesNotContain("AccountKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_NoGateway_SaysNoSiloIsUp()
    {
        var reason = ClusterUnreachable.Reason(new InvalidOperationException("Could not find any gateway in 'X'. Orleans client cannot initialize."));

        Assert.Equal("no silo of the cluster is up", reason);
    }

    [Theory]
    [InlineData(false, "if its silos use TLS, set ORLEANSPROC_TLS_CERT")]
    [InlineData(true, "if they run, check that their certificates and ORLEANSPROC_TLS_CERT trust each other")]
    public void ConnectFailed_TlsOnOrOff_SaysWhatToCheckAboutTls(bool tls, string hint)
    {
        var settings = new StorageSettings(StorageNames.DevelopmentStorage, "dev", "orleansproc");

        var error = ClusterUnreachable.ConnectFailed(settings, new InvalidOperationException("Could not find any gateway in 'X'."), tls);

        Assert.Equal(1, error.ExitCode);
        Assert.StartsWith($"cannot reach the cluster 'dev' (table storage 127.0.0.1:10002): no silo of the cluster is up: {ClusterUnreachable.Hint}; {hint}", error.Message, StringComparison.Ordinal);
    }
}
