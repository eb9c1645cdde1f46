using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql;

/// <summary>One <c>JOIN source [AS alias] ON condition</c> of a query.</summary>
/// <param name="Kind">INNER or LEFT.</param>
/// <param name="Source">The dataset name, or a local path or glob when <paramref name="SourceIsPath"/> is true.</param>
/// <param name="SourceIsPath">True when the source is a quoted path ('...').</param>
/// <param name="SourcePosition">Where the source is in the query text.</param>
/// <param name="Alias">The table alias, or null.</param>
/// <param name="On">The ON condition.</param>
/// <param name="Position">Where the join's first keyword is in the query text.</param>
public sealed record JoinClause(JoinKind Kind, string Source, bool SourceIsPath, int SourcePosition, string? Alias, SqlExpr On, int Position);
