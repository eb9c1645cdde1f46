using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql;

/// <summary>A parsed query. <see cref="SqlParser.Parse"/> makes one; <see cref="SqlProcessor.Create(SqlQuery, Schema.TableSchema, SqlProcessorOptions?)"/> binds it.</summary>
public sealed class SqlQuery
{
    public SqlQuery(
        string text,
        IReadOnlyList<SelectItem> items,
        string from,
        bool fromIsPath,
        int fromPosition,
        SqlExpr? where,
        IReadOnlyList<SqlExpr> groupBy,
        SqlExpr? having,
        IReadOnlyList<OrderByItem> orderBy,
        long? limit)
    {
        Text = text;
        Items = items;
        From = from;
        FromIsPath = fromIsPath;
        FromPosition = fromPosition;
        Where = where;
        GroupBy = groupBy;
        Having = having;
        OrderBy = orderBy;
        Limit = limit;
    }

    /// <summary>The query text as given.</summary>
    public string Text { get; }

    public IReadOnlyList<SelectItem> Items { get; }

    /// <summary>The dataset name, or a local path or glob when <see cref="FromIsPath"/> is true.</summary>
    public string From { get; }

    /// <summary>True when FROM names a quoted path ('...') rather than a dataset.</summary>
    public bool FromIsPath { get; }

    /// <summary>Where the FROM source is in <see cref="Text"/>.</summary>
    public int FromPosition { get; }

    /// <summary>The alias of the FROM source (<c>FROM flights f</c>, <c>FROM flights AS f</c>), or null.</summary>
    public string? FromAlias { get; init; }

    /// <summary>The tables joined to the FROM source, in query order (empty without JOIN).</summary>
    public IReadOnlyList<JoinClause> Joins { get; init; } = [];

    /// <summary>The subquery of <c>FROM (SELECT ...) s</c>, or null; <see cref="From"/> is then <see cref="SubqueryName"/>.</summary>
    public SqlQuery? FromSubquery { get; init; }

    /// <summary>The innermost query of nested FROM subqueries (this query when there is none): its FROM names the data read.</summary>
    public SqlQuery Source => FromSubquery?.Source ?? this;

    /// <summary>What <see cref="From"/> holds for a subquery: no dataset or path can have this name.</summary>
    public const string SubqueryName = "(subquery)";

    public SqlExpr? Where { get; }

    public IReadOnlyList<SqlExpr> GroupBy { get; }

    public SqlExpr? Having { get; }

    public IReadOnlyList<OrderByItem> OrderBy { get; }

    public long? Limit { get; }

    /// <summary>True for <c>SELECT DISTINCT</c>: duplicate result rows are removed (before ORDER BY and LIMIT).</summary>
    public bool Distinct { get; init; }
}
