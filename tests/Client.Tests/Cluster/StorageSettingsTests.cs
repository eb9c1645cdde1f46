using OrleansProc.Client.Cluster;
using OrleansProc.Contracts;

namespace OrleansProc.Client.Tests.Cluster;

public sealed class StorageSettingsTests
{
    [Fact]
    public void Where_DevelopmentStorage_NamesTheTableEndpointWithoutTheKey()
    {
        var settings = new StorageSettings(StorageNames.DevelopmentStorage, "dev", "orleansproc");

        Assert.Equal("cluster 'dev' (table storage 127.0.0.1:10002)", settings.Where);
        Assert.DoesNotContain("AccountKey", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Where_AccountWithoutEndpoints_NamesTheAccount()
    {
        var settings = new StorageSettings("DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net", "prod", "orleansproc");

        Assert.Null(settings.TableEndpoint);
        Assert.Equal("cluster 'prod' (storage account 'prodstore')", settings.Where);
        Assert.DoesNotContain("c2VjcmV0", settings.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void TableEndpoint_UseDevelopmentStorage_Loopback10002()
    {
        var settings = new StorageSettings("UseDevelopmentStorage=true", "dev", "orleansproc");

        Assert.Equal(10002, settings.TableEndpoint?.Port);
    }
}
