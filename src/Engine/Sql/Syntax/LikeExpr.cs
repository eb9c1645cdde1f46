using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary><c>x [NOT] LIKE pattern</c>, or <c>x [NOT] ILIKE pattern</c> (case-insensitive).</summary>
public sealed class LikeExpr : SqlExpr
{
    public LikeExpr(SqlExpr operand, SqlExpr pattern, bool negated, bool caseInsensitive = false)
        : base(operand.Start, pattern.End, [operand, pattern])
    {
        Operand = operand;
        Pattern = pattern;
        Negated = negated;
        CaseInsensitive = caseInsensitive;
    }

    public SqlExpr Operand { get; }

    public SqlExpr Pattern { get; }

    public bool Negated { get; }

    /// <summary>True for ILIKE.</summary>
    public bool CaseInsensitive { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append(Negated ? "not" : string.Empty).Append(CaseInsensitive ? "ilike" : "like");
        AppendChildren(builder);
    }
}
