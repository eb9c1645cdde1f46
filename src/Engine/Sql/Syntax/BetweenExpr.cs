using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary><c>x [NOT] BETWEEN low AND high</c>.</summary>
public sealed class BetweenExpr : SqlExpr
{
    public BetweenExpr(SqlExpr operand, SqlExpr low, SqlExpr high, bool negated)
        : base(operand.Start, high.End, [operand, low, high])
    {
        Operand = operand;
        Low = low;
        High = high;
        Negated = negated;
    }

    public SqlExpr Operand { get; }

    public SqlExpr Low { get; }

    public SqlExpr High { get; }

    public bool Negated { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append(Negated ? "notbetween" : "between");
        AppendChildren(builder);
    }
}
