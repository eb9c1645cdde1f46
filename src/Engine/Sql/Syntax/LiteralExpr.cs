using System.Text;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>A literal: a number, a string, TRUE, FALSE or NULL.</summary>
public sealed class LiteralExpr : SqlExpr
{
    public LiteralExpr(SqlValue value, int start, int end)
        : base(start, end, [])
    {
        Value = value;
    }

    public SqlValue Value { get; }

    public override void AppendKey(StringBuilder builder) =>
        builder.Append("lit:").Append((int)Value.Type).Append(':').Append(Value.ToInvariantString() ?? "null").Append(';');
}
