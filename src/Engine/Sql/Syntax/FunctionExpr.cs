using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>A function call: a scalar function or an aggregate, <c>COUNT(*)</c> and <c>COUNT(DISTINCT x)</c> included.</summary>
public sealed class FunctionExpr : SqlExpr
{
    public FunctionExpr(string name, IReadOnlyList<SqlExpr> arguments, bool star, bool distinct, int start, int end)
        : base(start, end, arguments)
    {
        Name = name;
        Arguments = arguments;
        Star = star;
        Distinct = distinct;
    }

    /// <summary>The name in upper case.</summary>
    public string Name { get; }

    public IReadOnlyList<SqlExpr> Arguments { get; }

    /// <summary>True for <c>f(*)</c>.</summary>
    public bool Star { get; }

    public bool Distinct { get; }

    public override void AppendKey(StringBuilder builder)
    {
        builder.Append("fn:").Append(Name).Append(Distinct ? ":distinct" : string.Empty).Append(Star ? ":star" : string.Empty);
        AppendChildren(builder);
    }
}
