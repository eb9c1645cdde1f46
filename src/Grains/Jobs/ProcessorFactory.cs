using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.WordCount;

namespace OrleansProc.Grains.Jobs;

/// <summary>Builds the Engine's processor for a job spec over a dataset's schema. Throws <see cref="QueryException"/>.</summary>
public static class ProcessorFactory
{
    public static IPartitionProcessor Create(JobSpec spec, TableSchema schema) => spec.Kind switch
    {
        JobKind.WordCount => WordCountProcessor.Create(schema, spec.Column ?? string.Empty, spec.Top, Options(spec).MaxGroups),
        _ => SqlProcessor.Create(SqlParser.Parse(spec.Sql ?? string.Empty), schema, Options(spec)),
    };

    /// <summary>The limits a spec asks for (a word count uses only its MaxGroups); defaults for those it leaves out.</summary>
    public static SqlProcessorOptions Options(JobSpec spec) =>
        spec.MaxGroups is { } maxGroups ? new SqlProcessorOptions { MaxGroups = maxGroups } : new SqlProcessorOptions();
}
