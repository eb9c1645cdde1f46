using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;

namespace OrleansProc.Engine.Local;

/// <summary>
/// A job over local files for <see cref="LocalJobRunner"/>: which files, how to read them and what to compute.
/// </summary>
/// <remarks>
/// Defaults: the format comes from the file extensions (see <see cref="LocalJobRunner.DetectFormat"/>), the schema
/// is inferred from the head of the first non-empty file (see <see cref="LocalJobRunner.InferSchemaAsync"/>), the
/// partition size is <see cref="RangeCutter.DefaultPartitionSize"/> of the input size and the parallelism, and
/// the parallelism is <see cref="Environment.ProcessorCount"/>.
/// </remarks>
public sealed record LocalJob
{
    /// <summary>The input files (for example from <see cref="LocalJobRunner.ExpandPaths"/>); each name is used in error messages.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>What to compute (a SQL query or a word count), compiled by the runner's <see cref="IProcessorFactory"/> once the schema is known.</summary>
    public required ProcessorSpec Processor { get; init; }

    /// <summary>The query of <see cref="Processor"/>, parsed already (the client parses it to tell a local FROM from a dataset); null to parse its SQL.</summary>
    public SqlQuery? Query { get; init; }

    /// <summary>The format of every file; null to tell it from the extensions.</summary>
    public DataFormat? Format { get; init; }

    /// <summary>The schema; null to infer it from the first MiB of the first non-empty file.</summary>
    public TableSchema? Schema { get; init; }

    /// <summary>
    /// The partition size in bytes; null for the local default, max(1 MiB, ⌈total bytes / (4 × parallelism)⌉) capped at
    /// 64 MiB, so every core has work even on a single file and a straggler is short.
    /// </summary>
    public long? PartitionSize { get; init; }

    /// <summary>How many partitions are scanned at once. Default: <see cref="Environment.ProcessorCount"/>.</summary>
    public int DegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The CSV field delimiter; null to tell it from the files (tab for <c>.tsv</c>, else sniffed from the head of the
    /// first non-empty file: see <see cref="Io.CsvDelimiterSniffer"/>).
    /// </summary>
    public char? Delimiter { get; init; }

    /// <summary>A quote inside an unquoted CSV field is a bad record instead of text (see <see cref="Io.ScanOptions.StrictQuotes"/>).</summary>
    public bool StrictQuotes { get; init; }

    /// <summary>Count bad records and go on instead of failing the job with a <see cref="Io.BadRecordException"/>.</summary>
    public bool SkipBadRecords { get; init; }

    /// <summary>How many bad records the result keeps as samples. Default 5.</summary>
    public int MaxBadRecordSamples { get; init; } = 5;

    /// <summary>
    /// For a transform (a processor that writes output rows): the folder to write <c>part-{i:D6}.csv</c> into, one file
    /// per partition that has rows, each with a header (a partition without rows leaves no file; the folder is created; existing part files of the same names are replaced).
    /// Null: rows are counted and previewed but not written. Ignored by processors that do not write output rows.
    /// </summary>
    public string? OutputDirectory { get; init; }
}
