using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary><c>x [NOT] IN (a, b, ...)</c>.</summary>
public sealed class InExpr : SqlExpr
{
    public InExpr(SqlExpr operand, IReadOnlyList<SqlExpr> items, bool negated, int end)
        : base(operand.Start, end, [operand, .. items])
    {
        Operand = operand;
        Items = items;
        Negated = negated;
    }

    public SqlExpr Operand { get; }

    public IReadOnlyList<SqlExpr> Items { get; }

    public bool Negated { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append(Negated ? "notin" : "in");
        AppendChildren(builder);
    }
}
