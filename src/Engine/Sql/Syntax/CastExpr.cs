using System.Text;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary><c>CAST(x AS type)</c> or <c>x::type</c>.</summary>
public sealed class CastExpr : SqlExpr
{
    public CastExpr(SqlExpr operand, SqlType target, int start, int end)
        : base(start, end, [operand])
    {
        Operand = operand;
        Target = target;
    }

    public SqlExpr Operand { get; }

    public SqlType Target { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append("cast:").Append(Target);
        AppendChildren(builder);
    }
}
