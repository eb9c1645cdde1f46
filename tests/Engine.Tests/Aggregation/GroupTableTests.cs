using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Aggregation;

public sealed class GroupTableTests
{
    [Fact]
    public void FindOrAdd_ManyKeys_DenseNumbersInFirstAppearanceOrder()
    {
        var table = new GroupTable(2);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var group = table.FindOrAdd([SqlValue.FromInt64(i % 500), i < 500 ? SqlValue.Null : SqlValue.FromText("x")]);
                Assert.Equal(i, group);
            }
        }

        Assert.Equal(1000, table.Count);
        Assert.Equal(SqlValue.FromInt64(7), table.KeyOf(507)[0]);
        Assert.Equal(SqlValue.FromText("x"), table.KeyOf(507)[1]);
    }

    [Fact]
    public void FindOrAdd_NoKeyColumns_OneGroupFromStart()
    {
        var table = new GroupTable(0);

        Assert.Equal(1, table.Count);
        Assert.Equal(0, table.FindOrAdd([]));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void FindOrAdd_NullAndDoubleZeroes_SameGroups()
    {
        var table = new GroupTable(1);

        var nullGroup = table.FindOrAdd([SqlValue.Null]);
        var zero = table.FindOrAdd([SqlValue.FromDouble(0.0)]);

        Assert.Equal(nullGroup, table.FindOrAdd([SqlValue.Null]));
        Assert.Equal(zero, table.FindOrAdd([SqlValue.FromDouble(-0.0)]));
        Assert.Equal(2, table.Count);
    }
}
