using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.UserProcessors;
using OrleansProc.Grains.Processors;

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
        return spec.Kind == JobKind.Run
            ? UserProcessors.SpecOf(spec.ProcessorName, ProcessorArgumentsText.Format(spec.Arguments ?? new Dictionary<string, string>()), spec.Isolation, spec.MaxGroups, OutputFormatOf(spec.OutputFormat))
            : SpecOf(spec.Kind, spec.Sql, spec.Column, spec.Top, spec.MaxGroups) with { BroadcastLimit = spec.BroadcastLimit, OutputFormat = OutputFormatOf(spec.OutputFormat) };
    }

    /// <summary>What a plan computes, for the Engine's <see cref="IProcessorFactory"/> (the same spec its planner compiled).</summary>
    public static ProcessorSpec ProcessorSpecOf(QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Kind == JobKind.Run
            ? UserProcessors.SpecOf(plan.ProcessorName, plan.Arguments, plan.Isolation, plan.MaxGroups, OutputFormatOf(plan))
            : SpecOf(plan.Kind, plan.Sql, plan.Column, plan.Top, plan.MaxGroups) with { BroadcastLimit = plan.BroadcastLimit, OutputFormat = OutputFormatOf(plan) };
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
            OutputFormat = spec.OutputFormat,
        };
    }

    /// <summary>The file format of the plan's output dataset: CSV unless it names Parquet.</summary>
    public static DataFormat OutputFormatOf(QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return OutputFormatOf(plan.OutputFormat);
    }

    /// <summary>The output format a job spec or plan names: null is CSV; anything but CSV or Parquet fails.</summary>
    public static DataFormat OutputFormatOf(string? name) =>
        name is null ? DataFormat.Csv
        : DataFormats.TryParse(name, out var format) && OutputFiles.CanWrite(format) ? format
        : throw new ArgumentException($"a transform writes its output as csv or parquet, not '{name}'", nameof(name));

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
