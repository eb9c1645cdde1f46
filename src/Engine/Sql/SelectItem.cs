using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql;

/// <summary>One item of the SELECT list: an expression with an optional alias, or <c>*</c> (<see cref="Expression"/> null).</summary>
public sealed record SelectItem(SqlExpr? Expression, string? Alias, int Start, int End)
{
    public bool IsStar => Expression is null;
}
