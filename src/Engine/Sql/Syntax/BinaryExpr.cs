using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>An infix operator applied to two operands.</summary>
public sealed class BinaryExpr : SqlExpr
{
    public BinaryExpr(BinaryOperator op, SqlExpr left, SqlExpr right, int operatorPosition)
        : base(left.Start, right.End, [left, right])
    {
        Operator = op;
        Left = left;
        Right = right;
        OperatorPosition = operatorPosition;
    }

    public BinaryOperator Operator { get; }

    public SqlExpr Left { get; }

    public SqlExpr Right { get; }

    /// <summary>Where the operator is in the query text.</summary>
    public int OperatorPosition { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append("bin:").Append(Operator);
        AppendChildren(builder);
    }
}
