using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary><c>x IS [NOT] NULL</c>.</summary>
public sealed class IsNullExpr : SqlExpr
{
    public IsNullExpr(SqlExpr operand, bool negated, int end)
        : base(operand.Start, end, [operand])
    {
        Operand = operand;
        Negated = negated;
    }

    public SqlExpr Operand { get; }

    public bool Negated { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append(Negated ? "isnotnull" : "isnull");
        AppendChildren(builder);
    }
}
