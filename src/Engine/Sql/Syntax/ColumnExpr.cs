using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>A column reference (or an output alias, where those are allowed), optionally qualified by a table name or alias.</summary>
public sealed class ColumnExpr : SqlExpr
{
    public ColumnExpr(string name, bool quoted, int start, int end)
        : this(null, name, quoted, start, end)
    {
    }

    /// <summary>A qualified reference <c>qualifier.name</c>; <paramref name="name"/> holds the rest of a longer dotted name (<c>a.b.c</c>: qualifier a, name b.c).</summary>
    public ColumnExpr(string? qualifier, string name, bool quoted, int start, int end)
        : base(start, end, [])
    {
        Qualifier = qualifier;
        Name = name;
        Quoted = quoted;
    }

    /// <summary>The table name or alias before the dot, or null for a bare name.</summary>
    public string? Qualifier { get; }

    public string Name { get; }

    public bool Quoted { get; }

    /// <summary>The name as written with its qualifier (<c>f.origin</c>), or the bare name.</summary>
    public string DottedName => Qualifier is null ? Name : Qualifier + "." + Name;

    public override void AppendKey(StringBuilder builder) =>
        builder.Append("col:").Append(DottedName.ToUpperInvariant()).Append(';');
}
