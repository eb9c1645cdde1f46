using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>A column reference (or an output alias, where those are allowed).</summary>
public sealed class ColumnExpr : SqlExpr
{
    public ColumnExpr(string name, bool quoted, int start, int end)
        : base(start, end, [])
    {
        Name = name;
        Quoted = quoted;
    }

    public string Name { get; }

    public bool Quoted { get; }

    public override void AppendKey(StringBuilder builder) =>
        builder.Append("col:").Append(Name.ToUpperInvariant()).Append(';');
}
