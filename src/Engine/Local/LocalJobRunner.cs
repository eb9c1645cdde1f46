using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Local;

/// <summary>
/// Runs a job over local files on every core of this machine, with no cluster, the way the distributed coordinator
/// does (so it gives the same answers): plan partitions with <see cref="RangeCutter"/>, scan them in parallel into
/// one partial each, check the quote-state guesses of cut CSV files with <see cref="QuoteParity"/> and scan wrong
/// guesses again, then merge the partials in partition order and finish.
/// </summary>
/// <remarks>
/// <para>
/// Files are read with <see cref="FileOptions.SequentialScan"/> and asynchronous I/O straight into the scanner's
/// 1 MiB buffers (the file stream adds no buffer of its own, which would only copy the bytes twice); a gzip file is
/// read whole, through a 1 MiB file buffer. A range that starts mid-file is opened at <c>RangeStart - 1</c>, as
/// <see cref="ScanOptions"/> requires.
/// </para>
/// <para>
/// Errors: the first bad record in input order fails the run with a <see cref="BadRecordException"/> naming the file
/// and the line (a partition after it is not started), unless <see cref="LocalJob.SkipBadRecords"/>. An error in a
/// CSV range that starts mid-file counts only once the quote counts of the ranges before it show that the range was
/// scanned in the right quote state; otherwise the range is scanned again and its first attempt is discarded.
/// Other exceptions (I/O, a query that fails on a value) fail the run as they are.
/// </para>
/// <para>
/// Output: a transform (a processor that writes output rows) writes its rows to <see cref="LocalJob.OutputDirectory"/>
/// as <c>part-{i:D6}.csv</c>, one per partition, when one is given; otherwise its rows are counted and the result
/// holds a preview. Part files of a failed run are deleted.
/// </para>
/// </remarks>
/// <param name="factory">Compiles the job's <see cref="LocalJob.Processor"/>; null for <see cref="ProcessorFactory.Instance"/>.</param>
public sealed class LocalJobRunner(IProcessorFactory? factory = null)
{
    private readonly IProcessorFactory _factory = factory ?? ProcessorFactory.Instance;

    /// <summary>
    /// The files <paramref name="pathOrGlob"/> names, sorted ordinally: a file; a folder (every file inside,
    /// recursively); or a glob with <c>*</c> and <c>?</c> in any segment and <c>**</c> for any number of folders
    /// (<c>data/*.csv</c>, <c>logs/**/*.jsonl</c>). Folders and globs skip hidden files; paths keep the form of the
    /// pattern (relative stays relative).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches; the message names the pattern.</exception>
    public static IReadOnlyList<string> ExpandPaths(string pathOrGlob) => PathGlob.Expand(pathOrGlob);

    /// <summary>The one format of all <paramref name="files"/>, from their extensions (see <see cref="DataFormats.FromName"/>).</summary>
    /// <exception cref="ArgumentException">An extension is unknown, or the files mix formats.</exception>
    public static DataFormat DetectFormat(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("No input files.", nameof(files));
        }

        var format = DataFormats.FromName(files[0]) ?? throw UnknownFormat(files[0]);
        for (var i = 1; i < files.Count; i++)
        {
            var other = DataFormats.FromName(files[i]) ?? throw UnknownFormat(files[i]);
            if (other != format)
            {
                throw new ArgumentException(
                    $"The input mixes formats: '{files[0]}' is {Name(format)} but '{files[i]}' is {Name(other)}. Select files of one format.",
                    nameof(files));
            }
        }

        return format;

        static ArgumentException UnknownFormat(string file) => new(
            $"Cannot tell the format of '{file}' from its extension (.csv, .jsonl, .json, .ndjson, .txt, .log, each optionally .gz, or .parquet); give the format.",
            nameof(files));
    }

    /// <summary>
    /// Infers the schema and the CSV delimiter (when <paramref name="delimiter"/> is null) with
    /// <see cref="SchemaInference.InferWithDelimiterAsync"/> from the first <see cref="SchemaInference.SampleBytes"/>
    /// (decompressed for gzip) of the first non-empty file; for Parquet, reads the schema from that file's footer.
    /// With <paramref name="givenSchema"/> only the delimiter is told.
    /// </summary>
    /// <exception cref="BadRecordException">The head has no usable header or records.</exception>
    public static async Task<InferredSchema> InferSchemaAsync(
        IReadOnlyList<string> files, DataFormat format, char? delimiter = null, TableSchema? givenSchema = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("No input files.", nameof(files));
        }

        var file = files[0];
        for (var i = 0; i < files.Count; i++)
        {
            if (new FileInfo(files[i]).Length > 0)
            {
                file = files[i];
                break;
            }
        }

        var raw = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (raw.ConfigureAwait(false))
        {
            if (format == DataFormat.Parquet)
            {
                return new InferredSchema(givenSchema ?? ParquetSchemaReader.Read(raw, file), delimiter ?? ',');
            }

            return await SchemaInference.InferWithDelimiterAsync(raw, IsGzip(file), format, file, delimiter, givenSchema, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For a JSON format, the layout of the first non-empty file (<see cref="JsonLayout"/>: an array when it starts
    /// with '['); any other format as it is.
    /// </summary>
    public static async Task<DataFormat> DetectJsonLayoutAsync(IReadOnlyList<string> files, DataFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (format is not (DataFormat.Jsonl or DataFormat.JsonArray) || files.FirstOrDefault(f => new FileInfo(f).Length > 0) is not { } file)
        {
            return format;
        }

        var raw = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (raw.ConfigureAwait(false))
        {
            return await JsonLayout.DetectAsync(raw, IsGzip(file), format, file, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="job"/> to its result.</summary>
    /// <exception cref="BadRecordException">A bad record, when bad records are not skipped; it names the file and the line.</exception>
    /// <exception cref="FileNotFoundException">An input file does not exist.</exception>
    /// <exception cref="ArgumentException">The job is invalid, or its files' formats cannot be told or are mixed.</exception>
    /// <exception cref="Processing.QueryException">The query or word count does not compile over the schema.</exception>
    public async Task<LocalRunResult> RunAsync(LocalJob job, IProgress<LocalProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(job.Files);
        ArgumentNullException.ThrowIfNull(job.Processor);
        if (job.Files.Count == 0)
        {
            throw new ArgumentException("The job has no input files.", nameof(job));
        }

        if (job.DegreeOfParallelism < 1)
        {
            throw new ArgumentException($"DegreeOfParallelism must be at least 1, got {job.DegreeOfParallelism}.", nameof(job));
        }

        if (job.PartitionSize is < 1)
        {
            throw new ArgumentException($"PartitionSize must be at least 1 byte, got {job.PartitionSize}.", nameof(job));
        }

        if (job.MaxBadRecordSamples < 0)
        {
            throw new ArgumentException($"MaxBadRecordSamples must not be negative, got {job.MaxBadRecordSamples}.", nameof(job));
        }

        var query = job.Query ?? (job.Processor.Kind == ProcessorKind.Query ? Sql.SqlParser.Parse(job.Processor.Sql ?? string.Empty) : null);
        var join = query is { Joins.Count: > 0 } ? await LocalJoinSetup.PrepareAsync(job, query, cancellationToken).ConfigureAwait(false) : null;
        var files = join?.Files ?? job.Files;
        var format = join?.Format ?? job.Format ?? DetectFormat(job.Files);
        var blobs = new BlobInfo[files.Count];
        for (var i = 0; i < blobs.Length; i++)
        {
            var path = files[i];
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new FileNotFoundException($"The input file '{path}' does not exist.", path);
            }

            blobs[i] = new BlobInfo(path, info.Length, IsGzip(path));
        }

        format = await DetectJsonLayoutAsync(files, format, cancellationToken).ConfigureAwait(false);
        var schema = join?.Schema ?? job.Schema;
        var delimiter = join?.Delimiter ?? job.Delimiter ?? ',';
        if (join is null && (schema is null || (job.Delimiter is null && format == DataFormat.Csv)))
        {
            var inferred = await InferSchemaAsync(files, format, job.Delimiter, schema, cancellationToken).ConfigureAwait(false);
            schema = inferred.Schema;
            delimiter = inferred.Delimiter;
        }

        var processor = join?.Processor ?? _factory.Create(job.Processor, schema!, query);
        var cutBlobs = DataFormats.CanCutRanges(format);
        var partitionSize = job.PartitionSize ?? RangeCutter.DefaultPartitionSize(blobs, job.DegreeOfParallelism, cutBlobs);
        var plan = RangeCutter.Plan(blobs, partitionSize, cutBlobs: cutBlobs);
        var run = new LocalRun(job, format, delimiter, processor, plan, progress);
        try
        {
            return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (processor as IDisposable)?.Dispose(); // a user processor's lease on its package
        }
    }

    internal static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private static string Name(DataFormat format) => format switch
    {
        DataFormat.Csv => "CSV",
        DataFormat.Jsonl => "JSON Lines",
        DataFormat.JsonArray => "JSON",
        DataFormat.Parquet => "Parquet",
        _ => "text",
    };
}
