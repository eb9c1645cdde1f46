using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.WordCount;

namespace OrleansProc.Engine.Tests.Pipeline;

public sealed class ProcessorFactoryTests
{
    private static readonly TableSchema Schema = new([new ColumnSchema("id", SqlType.BigInt), new ColumnSchema("line", SqlType.Varchar)]);

    [Fact]
    public void Create_Query_BindsToTheSchemaReadingOnlyItsColumns()
    {
        var processor = ProcessorFactory.Instance.Create(ProcessorSpec.Query("SELECT SUM(id) FROM t"), Schema);

        Assert.Equal([true, false], processor.NeededColumns);
        Assert.False(processor.WritesOutputRows);
    }

    [Fact]
    public void Create_QueryParsedAlready_UsesTheParsedQuery()
    {
        var parsed = SqlParser.Parse("SELECT line FROM t");

        var processor = ProcessorFactory.Instance.Create(ProcessorSpec.Query("ignored when parsed is given"), Schema, parsed);

        Assert.True(processor.WritesOutputRows);
    }

    [Fact]
    public void Create_WordCount_KeepsTopAndMaxGroups()
    {
        var processor = Assert.IsType<WordCountProcessor>(ProcessorFactory.Instance.Create(ProcessorSpec.WordCount("LINE", 7, maxGroups: 123), Schema));

        Assert.Equal(1, processor.ColumnOrdinal);
        Assert.Equal(7, processor.Top);
        Assert.Equal(123, processor.MaxWords);
    }

    [Fact]
    public void Create_WordCountOfUnknownColumn_ThrowsNamingTheColumns()
    {
        var e = Assert.Throws<QueryException>(() => ProcessorFactory.Instance.Create(ProcessorSpec.WordCount("nope", 3), Schema));

        Assert.Contains("unknown column 'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadSql_ThrowsQueryException()
    {
        Assert.Throws<QueryException>(() => ProcessorFactory.Instance.Create(ProcessorSpec.Query("SELECT FROM"), Schema));
    }

    [Fact]
    public void Options_MaxGroupsGiven_OverridesTheDefault()
    {
        Assert.Equal(SqlProcessorOptions.DefaultMaxGroups, ProcessorSpec.Query("SELECT 1 FROM t").Options().MaxGroups);
        Assert.Equal(9, ProcessorSpec.Query("SELECT 1 FROM t", maxGroups: 9).Options().MaxGroups);
    }
}
