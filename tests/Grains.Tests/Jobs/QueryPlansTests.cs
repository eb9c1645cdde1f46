using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Schema;
using OrleansProc.Grains.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

public sealed class QueryPlansTests
{
    private static readonly TableSchema Schema = new(
    [
        new ColumnSchema("ts", SqlType.Timestamp),
        new ColumnSchema("user_id", SqlType.BigInt),
        new ColumnSchema("amount", SqlType.Double),
        new ColumnSchema("ok", SqlType.Boolean),
        new ColumnSchema("comment", SqlType.Varchar),
    ]);

    [Fact]
    public void Create_Query_RecordsFormatSchemaColumnsReadAndLimits()
    {
        var spec = new JobSpec { Sql = "SELECT user_id, SUM(amount) FROM sales GROUP BY user_id", MaxGroups = 77, SkipBadRecords = true };
        var processor = ProcessorFactory.Instance.Create(QueryPlans.ProcessorSpecOf(spec), Schema);

        var plan = QueryPlans.Create("sales", DataFormat.Jsonl, spec, processor, outputDataset: null);

        Assert.Equal("sales", plan.Dataset);
        Assert.Equal("jsonl", plan.Format);
        Assert.Equal(["TIMESTAMP", "BIGINT", "DOUBLE", "BOOLEAN", "VARCHAR"], plan.Columns.Select(c => c.Type));
        Assert.Equal([false, true, true, false, false], plan.ColumnsRead);
        Assert.Equal(JobKind.Query, plan.Kind);
        Assert.Equal(spec.Sql, plan.Sql);
        Assert.Null(plan.Column);
        Assert.Equal(77, plan.MaxGroups);
        Assert.True(plan.SkipBadRecords);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public void Create_CsvDialect_CarriesTheDelimiterAndStrictQuotes(bool jobStrict, bool datasetStrict, bool expected)
    {
        var spec = new JobSpec { Sql = "SELECT COUNT(*) FROM zips", StrictQuotes = jobStrict };
        var processor = ProcessorFactory.Instance.Create(QueryPlans.ProcessorSpecOf(spec), Schema);

        var plan = QueryPlans.Create("zips", DataFormat.Csv, spec, processor, outputDataset: null, delimiter: '\t', datasetStrictQuotes: datasetStrict);

        Assert.Equal('\t', plan.Delimiter);
        Assert.Equal(expected, plan.StrictQuotes);
    }

    [Fact]
    public void PlanMappings_RoundTrip_GiveTheSpecAndSchemaThePlannerCompiled()
    {
        var spec = new JobSpec { Kind = JobKind.WordCount, Dataset = "sales", Column = "comment", Top = 5, MaxGroups = 10 };
        var processorSpec = QueryPlans.ProcessorSpecOf(spec);
        var processor = ProcessorFactory.Instance.Create(processorSpec, Schema);

        var plan = QueryPlans.Create("sales", DataFormat.Csv, spec, processor, outputDataset: null);

        Assert.Equal(processorSpec, QueryPlans.ProcessorSpecOf(plan));
        Assert.Equal(Schema.Columns, QueryPlans.SchemaOf(plan).Columns);
        Assert.Equal(DataFormat.Csv, QueryPlans.FormatOf(plan));
        Assert.Equal([false, false, false, false, true], plan.ColumnsRead);
    }

    [Fact]
    public void ProcessorSpecOf_Transform_PlanNamesItsOutputDataset()
    {
        var spec = new JobSpec { Sql = "SELECT comment FROM sales WHERE ok" };
        var processor = ProcessorFactory.Instance.Create(QueryPlans.ProcessorSpecOf(spec), Schema);

        var plan = QueryPlans.Create("sales", DataFormat.Text, spec, processor, JobPaths.OutputDataset("job1"));

        Assert.True(processor.WritesOutputRows);
        Assert.Equal(JobPaths.OutputDataset("job1"), plan.OutputDataset);
        Assert.Equal(DataFormat.Text, QueryPlans.FormatOf(plan));
    }
}
