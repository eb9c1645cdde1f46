using System.Text;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>
/// An expression of the query, as parsed. <see cref="Start"/> and <see cref="End"/> delimit its text in the
/// query; <see cref="Height"/> is the height of its tree (1 for a leaf).
/// </summary>
public abstract class SqlExpr
{
    protected SqlExpr(int start, int end, IReadOnlyList<SqlExpr> children)
    {
        Start = start;
        End = end;
        Children = children;
        var height = 0;
        for (var i = 0; i < children.Count; i++)
        {
            height = Math.Max(height, children[i].Height);
        }

        Height = height + 1;
    }

    public int Start { get; }

    public int End { get; }

    public int Height { get; }

    public IReadOnlyList<SqlExpr> Children { get; }

    /// <summary>A normalized text of the expression: equal for expressions that mean the same, whatever their spelling.</summary>
    public string Key
    {
        get
        {
            var sb = new StringBuilder();
            AppendKey(sb);
            return sb.ToString();
        }
    }

    /// <summary>Appends the normalized text of the expression.</summary>
    public abstract void AppendKey(StringBuilder builder);

    protected void AppendChildren(StringBuilder builder)
    {
        builder.Append('(');
        for (var i = 0; i < Children.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            Children[i].AppendKey(builder);
        }

        builder.Append(')');
    }
}
