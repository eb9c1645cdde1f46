using System.Text;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Parquet;

public sealed class RowGroupPrunerTests
{
    private static readonly TableSchema Schema = new([
        new ColumnSchema("n", SqlType.BigInt),
        new ColumnSchema("x", SqlType.Double),
        new ColumnSchema("s", SqlType.Varchar),
    ]);

    private static readonly ColumnChunkStatistics Numbers = new(100, 0, SqlValue.FromInt64(10), SqlValue.FromInt64(20));
    private static readonly ColumnChunkStatistics Doubles = new(100, 0, SqlValue.FromDouble(1.5), SqlValue.FromDouble(2.5));
    private static readonly ColumnChunkStatistics Strings = new(100, 3, SqlValue.Null, SqlValue.Null, Encoding.UTF8.GetBytes("b"), Encoding.UTF8.GetBytes("d"));

    [Theory]
    [InlineData("n = 9", true)]
    [InlineData("n = 10", false)]
    [InlineData("n > 20", true)]
    [InlineData("n >= 20", false)]
    [InlineData("n < 10", true)]
    [InlineData("9 >= n", true)]
    [InlineData("n BETWEEN 21 AND 30", true)]
    [InlineData("n BETWEEN 15 AND 30", false)]
    [InlineData("n IN (1, 2, 30)", true)]
    [InlineData("n IN (1, 15)", false)]
    [InlineData("n > 25 OR n < 5", false)]
    [InlineData("s = 'a' AND n = 15", true)]
    [InlineData("s = 'c'", false)]
    [InlineData("s > 'e'", true)]
    [InlineData("s IS NULL", false)]
    [InlineData("n IS NULL", true)]
    [InlineData("n IS NOT NULL", false)]
    [InlineData("n + 1 > 100", false)]
    [InlineData("x < 1", true)]
    [InlineData("x = 3", false)]
    [InlineData("x > 3", false)]
    public void CanSkip_Where_RefutedOnlyWhenNoRowCanPass(string where, bool skipped)
    {
        var pruner = RowGroupPruner.For(SqlProcessor.Create($"SELECT COUNT(*) FROM t WHERE {where}", Schema));
        Assert.Equal(skipped, pruner.CanSkip(StatisticsOf));
    }

    [Fact]
    public void CanSkip_AllNullColumn_RefutesAComparison()
    {
        var pruner = RowGroupPruner.For(SqlProcessor.Create("SELECT COUNT(*) FROM t WHERE n > 0", Schema));
        Assert.True(pruner.CanSkip(_ => new ColumnChunkStatistics(100, 100, SqlValue.Null, SqlValue.Null)));
    }

    [Fact]
    public void CanSkip_StringConstantWithSurrogates_IsNotUsed()
    {
        var pruner = RowGroupPruner.For(SqlProcessor.Create("SELECT COUNT(*) FROM t WHERE s = '\U0001F600'", Schema));
        Assert.False(pruner.CanSkip(StatisticsOf));
    }

    [Fact]
    public void CanSkip_UnknownStatistics_KeepsTheRowGroup()
    {
        var pruner = RowGroupPruner.For(SqlProcessor.Create("SELECT COUNT(*) FROM t WHERE n = 1 AND s IS NULL", Schema));
        Assert.False(pruner.CanSkip(_ => null));
    }

    private static ColumnChunkStatistics? StatisticsOf(int ordinal) => ordinal switch
    {
        0 => Numbers,
        1 => Doubles,
        _ => Strings,
    };
}
