using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Joins;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Local;

/// <summary>
/// Prepares a local run of a query with JOIN: every joined source is a quoted path or glob, read like the FROM
/// files (format from the extensions, schema inferred); the table over the broadcast limit (by file bytes) is
/// scanned in partitions and every other one is read whole once and hashed (see <see cref="BroadcastJoin"/>).
/// </summary>
internal static class LocalJoinSetup
{
    public static async Task<LocalJoinPlan> PrepareAsync(LocalJob job, SqlQuery query, CancellationToken cancellationToken)
    {
        BroadcastJoin.CheckSupported(query);
        var files = new List<IReadOnlyList<string>> { job.Files };
        var formats = new List<DataFormat> { job.Format ?? LocalJobRunner.DetectFormat(job.Files) };
        var schemas = new List<TableSchema>();
        var delimiters = new List<char>();
        foreach (var join in query.Joins)
        {
            if (!join.SourceIsPath)
            {
                throw new QueryException(
                    $"binder error at {SourceLocation.Describe(query.Text, join.SourcePosition)}: a local query joins quoted paths (JOIN 'airports.csv' a ON ...), not dataset names",
                    join.SourcePosition);
            }

            var joined = LocalJobRunner.ExpandPaths(join.Source);
            files.Add(joined);
            formats.Add(LocalJobRunner.DetectFormat(joined));
        }

        var sizes = new long[files.Count];
        var inputs = new BroadcastTableInput[files.Count];
        for (var t = 0; t < files.Count; t++)
        {
            var given = t == 0 ? job.Schema : null;
            var delimiter = t == 0 ? job.Delimiter : null;
            var inferred = given is not null && (formats[t] != DataFormat.Csv || delimiter is not null)
                ? new InferredSchema(given, delimiter ?? ',')
                : await LocalJobRunner.InferSchemaAsync(files[t], formats[t], delimiter, given, cancellationToken).ConfigureAwait(false);
            var schema = inferred.Schema;
            schemas.Add(schema);
            delimiters.Add(inferred.Delimiter);
            var slices = new List<InputSlice>(files[t].Count);
            foreach (var file in files[t])
            {
                var info = new FileInfo(file);
                if (!info.Exists)
                {
                    throw new FileNotFoundException($"The input file '{file}' does not exist.", file);
                }

                sizes[t] += info.Length;
                slices.Add(new InputSlice(file, 0, long.MaxValue, LocalJobRunner.IsGzip(file)));
            }

            inputs[t] = new BroadcastTableInput(schema, formats[t], slices, OpenAsync, inferred.Delimiter);
        }

        var options = job.Processor.Options();
        var scanned = BroadcastJoin.ChooseScanned(query, sizes, options.BroadcastLimit);
        var processor = await BroadcastJoin.CreateAsync(query, inputs, scanned, options, cancellationToken).ConfigureAwait(false);
        return new LocalJoinPlan(files[scanned], formats[scanned], schemas[scanned], delimiters[scanned], processor);
    }

    private static Task<Stream> OpenAsync(InputSlice slice, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(slice.BlobName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous));
}
