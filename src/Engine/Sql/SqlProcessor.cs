using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// Makes the <see cref="IPartitionProcessor"/> of a SQL query. Three shapes: an aggregate query (aggregates or
/// GROUP BY) keeps hash-grouped aggregate states; a query with ORDER BY or LIMIT and no aggregates keeps rows
/// (the top LIMIT with ORDER BY); any other query is a transform that writes its rows as CSV.
/// </summary>
public static class SqlProcessor
{
    /// <summary>Binds <paramref name="query"/> to <paramref name="schema"/> and compiles it.</summary>
    /// <exception cref="QueryException">An unknown column, a type error or a misuse of aggregates; the message says where.
    /// Partials throw it too when a limit of <paramref name="options"/> is passed (groups, kept rows).</exception>
    public static IPartitionProcessor Create(SqlQuery query, TableSchema schema, SqlProcessorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new SqlProcessorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxGroups, 1, nameof(options));
        if (query.FromSubquery is not null && query.Joins.Count == 0)
        {
            return Subqueries.SubqueryProcessor.Create(query, schema, options);
        }

        if (query.Joins.Count > 0)
        {
            var join = query.Joins[0];
            throw new QueryException(
                $"binder error at {Syntax.SourceLocation.Describe(query.Text, join.Position)}: JOIN needs the joined tables' data; run it through BroadcastJoin (local mode or the cluster)",
                join.Position);
        }

        return Create(SqlBinder.Bind(query, schema), options);
    }

    /// <summary>Parses and compiles <paramref name="sql"/>.</summary>
    public static IPartitionProcessor Create(string sql, TableSchema schema, SqlProcessorOptions? options = null) =>
        Create(SqlParser.Parse(sql), schema, options);

    /// <summary>The processor of a bound query.</summary>
    internal static IPartitionProcessor Create(BoundQuery bound, SqlProcessorOptions options)
    {
        if (bound.IsAggregate)
        {
            return new AggregateQueryProcessor(bound, options.MaxGroups);
        }

        if (bound.OrderBy.Length > 0 || bound.Limit is not null)
        {
            return new RowQueryProcessor(bound, options.MaxKeptRows);
        }

        return new TransformQueryProcessor(bound, options.PreviewRows);
    }
}
