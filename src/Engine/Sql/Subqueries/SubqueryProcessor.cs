using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Joins;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Subqueries;

/// <summary>
/// <c>SELECT ... FROM (SELECT ... FROM data ...) s ...</c>: the inner query is the distributed part (its partials are
/// what partitions make, merge and send); <see cref="Finish"/> finishes it into its result rows and runs the outer
/// query over them in memory. An inner query without aggregates keeps its rows (it is never a transform writing
/// output files), and so does an outer one.
/// </summary>
internal sealed class SubqueryProcessor : IPartitionProcessor
{
    private readonly IPartitionProcessor _inner;
    private readonly IPartitionProcessor _outer;

    private SubqueryProcessor(IPartitionProcessor inner, IPartitionProcessor outer)
    {
        _inner = inner;
        _outer = outer;
    }

    public TableSchema InputSchema => _inner.InputSchema;

    public IReadOnlyList<bool> NeededColumns => _inner.NeededColumns;

    public IReadOnlyList<ColumnSchema> OutputColumns => _outer.OutputColumns;

    public bool WritesOutputRows => false;

    /// <summary>The processor of <paramref name="query"/>, whose FROM is a subquery, over the data's <paramref name="schema"/>.</summary>
    /// <exception cref="QueryException">A query does not bind, or joins a subquery.</exception>
    public static IPartitionProcessor Create(SqlQuery query, TableSchema schema, SqlProcessorOptions options)
    {
        var inner = Compile(query.FromSubquery!, schema, options);
        var innerSchema = new TableSchema(inner.OutputColumns);
        var outer = KeepingRows(SqlBinder.Bind(query, innerSchema, ColumnScope.Single(query, innerSchema)), options);
        return new SubqueryProcessor(inner, outer);
    }

    public IPartial CreatePartial(Stream? output = null) => _inner.CreatePartial();

    public IPartial ReadPartial(Stream source) => _inner.ReadPartial(source);

    public ResultTable Finish(IPartial merged)
    {
        var rows = _inner.Finish(merged);
        var partial = _outer.CreatePartial();
        foreach (var row in rows.Rows)
        {
            partial.Accept(row);
        }

        partial.Complete();
        return _outer.Finish(partial);
    }

    /// <summary>A subquery's processor: nested subqueries in turn; never a transform.</summary>
    private static IPartitionProcessor Compile(SqlQuery query, TableSchema schema, SqlProcessorOptions options)
    {
        if (query.Joins.Count > 0)
        {
            var join = query.Joins[0];
            throw new QueryException(
                $"binder error at {SourceLocation.Describe(query.Text, join.Position)}: a JOIN inside a FROM subquery is not supported yet; join in the outer query",
                join.Position);
        }

        return query.FromSubquery is null ? KeepingRows(SqlBinder.Bind(query, schema), options) : Create(query, schema, options);
    }

    private static IPartitionProcessor KeepingRows(BoundQuery bound, SqlProcessorOptions options) =>
        bound.IsAggregate ? new AggregateQueryProcessor(bound, options.MaxGroups) : new RowQueryProcessor(bound, options.MaxKeptRows);
}
