using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// Maps between the wire's <see cref="JobSpec"/> and <see cref="QueryPlan"/> (Contracts, no Engine) and the Engine's
/// <see cref="ProcessorSpec"/>, <see cref="TableSchema"/> and <see cref="DataFormat"/>.
/// </summary>
public static class QueryPlans
{
    /// <summary>What a job spec computes, for the Engine's <see cref="IProcessorFactory"/>.</summary>
    public static ProcessorSpec ProcessorSpecOf(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return SpecOf(spec.Kind, spec.Sql, spec.Column, spec.Top, spec.MaxGroups) with { BroadcastLimit = spec.BroadcastLimit };
    }

    /// <summary>What a plan computes, for the Engine's <see cref="IProcessorFactory"/> (the same spec its planner compiled).</summary>
    public static ProcessorSpec ProcessorSpecOf(QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return SpecOf(plan.Kind, plan.Sql, plan.Column, plan.Top, plan.MaxGroups) with { BroadcastLimit = plan.BroadcastLimit };
    }

    /// <summary>
    /// The plan of <paramref name="spec"/> over a dataset, bound into <paramref name="processor"/>; the dataset's CSV
    /// <paramref name="delimiter"/> and strict quotes (<paramref name="datasetStrictQuotes"/>) come from its manifest.
    /// </summary>
    public static QueryPlan Create(string dataset, DataFormat format, JobSpec spec, IPartitionProcessor processor, string? outputDataset, char delimiter = ',', bool datasetStrictQuotes = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(processor);
        var processorSpec = ProcessorSpecOf(spec);
        return new QueryPlan
        {
            Dataset = dataset,
            Format = DataFormats.Name(format),
            Columns = processor.InputSchema.Columns.Select(c => new PlanColumn(c.Name, SqlTypeNames.Name(c.Type))).ToList(),
            ColumnsRead = processor.NeededColumns.ToList(),
            Kind = spec.Kind,
            Sql = processorSpec.Kind == ProcessorKind.Query ? processorSpec.Sql : null,
            Column = processorSpec.Kind == ProcessorKind.WordCount ? processorSpec.Column : null,
            Top = processorSpec.Top,
            MaxGroups = processorSpec.MaxGroups,
            SkipBadRecords = spec.SkipBadRecords,
            OutputDataset = outputDataset,
            Delimiter = delimiter,
            StrictQuotes = spec.StrictQuotes || datasetStrictQuotes,
        };
    }

    private static ProcessorSpec SpecOf(JobKind kind, string? sql, string? column, int top, int? maxGroups) =>
        kind == JobKind.WordCount
            ? ProcessorSpec.WordCount(column ?? string.Empty, top, maxGroups)
            : ProcessorSpec.Query(sql ?? string.Empty, maxGroups);

    /// <summary>The input schema the plan was bound to.</summary>
    public static TableSchema SchemaOf(QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return SchemaOf(plan.Columns);
    }

    /// <summary>The schema of plan columns.</summary>
    public static TableSchema SchemaOf(IReadOnlyList<PlanColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new TableSchema(columns.Select(c => new ColumnSchema(c.Name, SqlTypeNames.FromName(c.Type))).ToList());
    }

    /// <summary>The format of the plan's dataset.</summary>
    public static DataFormat FormatOf(QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return DataFormats.TryParse(plan.Format, out var format)
            ? format
            : throw new InvalidOperationException($"the plan of dataset '{plan.Dataset}' names an unknown format '{plan.Format}'");
    }
}
