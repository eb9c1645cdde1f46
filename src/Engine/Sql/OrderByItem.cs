using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// One ORDER BY key: an expression, an output alias or a 1-based ordinal. NULLs sort last unless
/// <see cref="NullsFirst"/> says otherwise (DuckDB's default for both directions).
/// </summary>
public sealed record OrderByItem(SqlExpr Expression, bool Descending, bool NullsFirst);
