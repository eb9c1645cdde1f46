using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary><c>x [NOT] LIKE pattern</c>.</summary>
public sealed class LikeExpr : SqlExpr
{
    public LikeExpr(SqlExpr operand, SqlExpr pattern, bool negated)
        : base(operand.Start, pattern.End, [operand, pattern])
    {
        Operand = operand;
        Pattern = pattern;
        Negated = negated;
    }

    public SqlExpr Operand { get; }

    public SqlExpr Pattern { get; }

    public bool Negated { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append(Negated ? "notlike" : "like");
        AppendChildren(builder);
    }
}
