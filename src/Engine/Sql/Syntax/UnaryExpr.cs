using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>A prefix operator applied to an operand.</summary>
public sealed class UnaryExpr : SqlExpr
{
    public UnaryExpr(UnaryOperator op, SqlExpr operand, int start, int end)
        : base(start, end, [operand])
    {
        Operator = op;
        Operand = operand;
    }

    public UnaryOperator Operator { get; }

    public SqlExpr Operand { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append("un:").Append(Operator);
        AppendChildren(builder);
    }
}
