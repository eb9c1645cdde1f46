using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>
/// Broadcast joins: one table of a query (the scanned table) is read in partitions as usual; every other table must
/// be at most <see cref="SqlProcessorOptions.BroadcastLimit"/> bytes, is read whole once, hashed on its join keys and
/// held by the job's processor, which joins every scanned row with it before the query runs over the joined rows.
/// </summary>
public static class BroadcastJoin
{
    /// <summary>
    /// Which table (0 the FROM table, i the i-th joined one) is scanned, from the tables' input sizes in query order: the
    /// one over the limit (an INNER join swaps its sides when the FROM table is the small one), else the FROM table.
    /// </summary>
    /// <exception cref="QueryException">Two tables are over the limit, or a LEFT JOIN would have to broadcast its preserved side.</exception>
    public static int ChooseScanned(SqlQuery query, IReadOnlyList<long> sizes, long limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(sizes);
        CheckSupported(query);
        var big = new List<int>();
        for (var i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] > limit)
            {
                big.Add(i);
            }
        }

        if (big.Count == 0)
        {
            return 0;
        }

        var what = $"the broadcast limit of {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes (ORLEANSPROC_BROADCAST_LIMIT / --broadcast-limit)";
        if (big.Count > 1)
        {
            throw Error(query, query.Joins[big[1] - 1].Position, $"both sides of the join are larger than {what}; a shuffled join is not supported yet");
        }

        var scanned = big[0];
        if (scanned > 0 && query.Joins.Any(j => j.Kind == JoinKind.Left))
        {
            var join = query.Joins[scanned - 1];
            var why = join.Kind == JoinKind.Left
                ? $"LEFT JOIN keeps every row of its left side, which is under {what}, but its right side is larger; put the large table first (FROM large LEFT JOIN small)"
                : $"with LEFT JOIN, the table larger than {what} must be the FROM table";
            throw Error(query, join.Position, why);
        }

        return scanned;
    }

    /// <summary>
    /// Binds <paramref name="query"/> over its tables and checks its joins without reading any data; the result's
    /// output columns are the query's.
    /// </summary>
    /// <exception cref="QueryException">The query does not bind, or an ON condition is not supported.</exception>
    public static IReadOnlyList<ColumnSchema> Check(SqlQuery query, IReadOnlyList<TableSchema> schemas, int scanned, SqlProcessorOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(options);
        return Compile(query, schemas, scanned, options).Inner.OutputColumns;
    }

    /// <summary>
    /// The processor of <paramref name="query"/> over <paramref name="tables"/> (in query order) that scans table
    /// <paramref name="scanned"/>: every other table is read whole here, with the Engine's record scanner (so CSV quoting
    /// and NULLs are as everywhere), and hashed.
    /// </summary>
    /// <exception cref="QueryException">The query does not bind, or an ON condition is not supported.</exception>
    /// <exception cref="BadRecordException">A broadcast table has a bad record.</exception>
    public static async Task<IPartitionProcessor> CreateAsync(
        SqlQuery query,
        IReadOnlyList<BroadcastTableInput> tables,
        int scanned,
        SqlProcessorOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        var compiled = Compile(query, tables.Select(t => t.Schema).ToList(), scanned, options);
        var hashed = new BroadcastHashTable[compiled.Steps.Length];
        for (var s = 0; s < hashed.Length; s++)
        {
            var step = compiled.Steps[s];
            var table = tables[step.Table];
            var offset = compiled.Scope.Offset(step.Table);
            var sink = new BroadcastTableSink(step, offset, compiled.Scope.Combined.Count);
            var needed = compiled.Needed.AsSpan(offset, table.Schema.Count).ToArray();
            foreach (var slice in table.Slices)
            {
                await LoadAsync(table, slice, needed, sink, cancellationToken).ConfigureAwait(false);
            }

            hashed[s] = sink.Table;
        }

        return new BroadcastJoinProcessor(compiled.Inner, compiled.Scope, scanned, compiled.Needed, compiled.Steps, hashed);
    }

    private static async Task LoadAsync(BroadcastTableInput table, InputSlice slice, bool[] needed, IRowSink sink, CancellationToken cancellationToken)
    {
        var options = new ScanOptions { Format = table.Format, Schema = table.Schema, NeededColumns = needed, SourceName = slice.BlobName, Delimiter = checked((byte)table.Delimiter) };
        var opened = await table.Open(slice, cancellationToken).ConfigureAwait(false);
        await using (opened.ConfigureAwait(false))
        {
            if (!slice.Gzip)
            {
                await RecordScanner.ScanAsync(opened, options, sink, cancellationToken).ConfigureAwait(false);
                return;
            }

            var gzip = GzipInputStream.Open(opened, slice.BlobName, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                await RecordScanner.ScanAsync(gzip, options, sink, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Throws for what joins do not support yet: a FROM subquery joined to tables.</summary>
    /// <exception cref="QueryException">The FROM source of the join is a subquery.</exception>
    public static void CheckSupported(SqlQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.FromSubquery is not null && query.Joins.Count > 0)
        {
            throw Error(query, query.FromPosition, "a FROM subquery joined to other tables is not supported yet; join inside the subquery's outer query instead");
        }
    }

    private static Compiled Compile(SqlQuery query, IReadOnlyList<TableSchema> schemas, int scanned, SqlProcessorOptions options)
    {
        CheckSupported(query);
        if (schemas.Count != query.Joins.Count + 1 || scanned < 0 || scanned >= schemas.Count)
        {
            throw new ArgumentException($"expected {query.Joins.Count + 1} tables and a scanned table among them", nameof(schemas));
        }

        var scope = ColumnScope.ForJoin(query, schemas);
        var bound = SqlBinder.Bind(query, scope.Combined, scope);
        var needed = (bool[])bound.NeededColumns.Clone();
        var steps = JoinStepPlanner.Plan(query, scope, scanned, needed);
        return new Compiled(scope, SqlProcessor.Create(bound, options), [.. steps], needed);
    }

    private static QueryException Error(SqlQuery query, int position, string why) =>
        new($"binder error at {SourceLocation.Describe(query.Text, position)}: {why}", position);

    private sealed record Compiled(ColumnScope Scope, IPartitionProcessor Inner, JoinStep[] Steps, bool[] Needed);
}
