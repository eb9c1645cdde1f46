using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>
/// <c>CASE [operand] WHEN w THEN r ... [ELSE e] END</c>. With an operand (the simple form) each <c>w</c> is a value
/// compared to the operand; without one each <c>w</c> is a condition.
/// </summary>
public sealed class CaseExpr : SqlExpr
{
    public CaseExpr(SqlExpr? operand, IReadOnlyList<SqlExpr> whens, IReadOnlyList<SqlExpr> thens, SqlExpr? otherwise, int start, int end)
        : base(start, end, Collect(operand, whens, thens, otherwise))
    {
        Operand = operand;
        Whens = whens;
        Thens = thens;
        Else = otherwise;
    }

    /// <summary>The operand of the simple form, or null.</summary>
    public SqlExpr? Operand { get; }

    /// <summary>The WHEN values (simple form) or conditions.</summary>
    public IReadOnlyList<SqlExpr> Whens { get; }

    /// <summary>The THEN results, one per WHEN.</summary>
    public IReadOnlyList<SqlExpr> Thens { get; }

    /// <summary>The ELSE result, or null (then NULL).</summary>
    public SqlExpr? Else { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append("case:").Append(Operand is null ? 'c' : 's').Append(Else is null ? 'n' : 'e');
        AppendChildren(builder);
    }

    private static List<SqlExpr> Collect(SqlExpr? operand, IReadOnlyList<SqlExpr> whens, IReadOnlyList<SqlExpr> thens, SqlExpr? otherwise)
    {
        var children = new List<SqlExpr>(whens.Count * 2 + 2);
        if (operand is not null)
        {
            children.Add(operand);
        }

        for (var i = 0; i < whens.Count; i++)
        {
            children.Add(whens[i]);
            children.Add(thens[i]);
        }

        if (otherwise is not null)
        {
            children.Add(otherwise);
        }

        return children;
    }
}
