using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Joins;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql;

/// <summary>Binding the keys of a join's ON condition.</summary>
internal sealed partial class SqlBinder
{
    /// <summary>
    /// Binds the two sides of an ON equality over the combined row of <paramref name="scope"/>, coerced to one type the
    /// way a comparison's operands are (numbers of two types both to DOUBLE), and marks the columns they read in
    /// <paramref name="needed"/>.
    /// </summary>
    /// <exception cref="QueryException">A side does not bind, or the two cannot be compared.</exception>
    public static (Evaluator Probe, Evaluator Build) BindJoinKey(SqlQuery query, ColumnScope scope, SqlExpr probe, SqlExpr build, int position, bool[] needed)
    {
        var binder = new SqlBinder(query, scope.Combined, scope) { _rowContext = "ON" };
        var p = binder.Bind(probe, Scope.Row);
        var b = binder.Bind(build, Scope.Row);
        (p, b) = binder.Coerce(p, b, probe, build, position, "=");
        if (p.Type != b.Type && p.Type != SqlType.Null && b.Type != SqlType.Null)
        {
            p = binder.ToDouble(p, probe);
            b = binder.ToDouble(b, build);
        }

        for (var i = 0; i < needed.Length; i++)
        {
            needed[i] |= binder._needed[i];
        }

        return (p, b);
    }

    private Evaluator ToDouble(Evaluator value, SqlExpr source) =>
        value.Type == SqlType.Double ? value : Fold(new CastEvaluator(value, SqlType.Double, Location(source.Start), source.Start), value);
}
