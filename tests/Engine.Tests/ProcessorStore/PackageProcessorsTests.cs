using OrleansProc.Engine.ProcessorStore;
using OrleansProc.Engine.UserProcessors;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.Tests.ProcessorStore;

public sealed class PackageProcessorsTests
{
    [Fact]
    public void Describe_Aggregate_GivesKindColumnsAndSqlTypes()
    {
        var info = new ProcessorInfo("stats", "Outside.Stats", "per country", IsMap: false, ["country", "amount"],
            [new ResultColumn("country", ResultType.Text), new ResultColumn("n", ResultType.Integer), new ResultColumn("total", ResultType.Double),
             new ResultColumn("ok", ResultType.Boolean), new ResultColumn("day", ResultType.Date), new ResultColumn("at", ResultType.Timestamp)]);

        var described = PackageProcessors.Describe(info);

        Assert.Equal("stats", described.Name);
        Assert.Equal("per country", described.Description);
        Assert.Equal("aggregate", described.Kind);
        Assert.Equal(["country", "amount"], described.Columns);
        Assert.Equal(["country VARCHAR", "n BIGINT", "total DOUBLE", "ok BOOLEAN", "day DATE", "at TIMESTAMP"], described.ResultColumns);
    }

    [Fact]
    public void Describe_Map_IsAMap() =>
        Assert.Equal("map", PackageProcessors.Describe(new ProcessorInfo("clean", "Outside.Clean", null, IsMap: true, ["a"], [new ResultColumn("a", ResultType.Text)])).Kind);

    [Fact]
    public void Discover_FolderWithoutProcessor_FailsNamingIt()
    {
        using var package = new PackageFolder();

        var error = Assert.ThrowsAny<Exception>(() => PackageProcessors.Discover(package.Path));

        Assert.Contains(package.Path, error.Message, StringComparison.Ordinal);
    }
}
