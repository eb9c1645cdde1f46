using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>
/// Orders a query's joins around the scanned (big) table: the scanned table first, then each broadcast table, and
/// turns every ON condition into equality keys. Without LEFT JOIN, the ON conditions are one pool of equalities
/// (inner joins commute) and the tables join in query order as soon as a condition links them to the tables before;
/// with LEFT JOIN, the scanned table is the FROM table and each join uses its own ON condition, in query order.
/// </summary>
internal static class JoinStepPlanner
{
    /// <summary>The join steps; the key columns they read are marked in <paramref name="needed"/>.</summary>
    /// <exception cref="QueryException">An ON condition is not a conjunction of equalities between the joined table and the tables before it.</exception>
    public static List<JoinStep> Plan(SqlQuery query, ColumnScope scope, int scanned, bool[] needed)
    {
        var conditions = new List<Condition>();
        var hasLeft = query.Joins.Any(j => j.Kind == JoinKind.Left);
        for (var j = 0; j < query.Joins.Count; j++)
        {
            var owner = hasLeft ? j + 1 : -1;
            foreach (var conjunct in Conjuncts(query.Joins[j].On))
            {
                conditions.Add(new Condition(conjunct, References(conjunct, scope), owner));
            }
        }

        var available = new HashSet<int> { scanned };
        var steps = new List<JoinStep>();
        var remaining = Enumerable.Range(0, scope.Count).Where(t => t != scanned).ToList();
        while (remaining.Count > 0)
        {
            var table = hasLeft ? remaining[0] : remaining.Find(t => conditions.Exists(c => c.Tables.Contains(t) && IsCovered(c, t, available)));
            if (!hasLeft && !conditions.Exists(c => c.Tables.Contains(table) && IsCovered(c, table, available)))
            {
                var join = query.Joins[(remaining[0] == 0 ? scanned : remaining[0]) - 1];
                throw Error(query, join.On.Start, $"no ON condition joins table '{SourceLocation.Quote(scope.Name(remaining[0]))}' to the tables before it");
            }

            var kind = hasLeft ? query.Joins[table - 1].Kind : JoinKind.Inner;
            var probes = new List<Evaluation.Evaluator>();
            var builds = new List<Evaluation.Evaluator>();
            foreach (var condition in conditions.Where(c => c.Tables.Contains(table) && (hasLeft ? c.Owner == table : IsCovered(c, table, available))).ToList())
            {
                if (hasLeft && !IsCovered(condition, table, available))
                {
                    throw Error(query, condition.Expression.Start, $"this ON condition refers to a table joined after '{SourceLocation.Quote(scope.Name(table))}'");
                }

                var (probe, build) = Split(query, scope, condition.Expression, table);
                var (p, b) = SqlBinder.BindJoinKey(query, scope, probe, build, condition.Expression.Start, needed);
                probes.Add(p);
                builds.Add(b);
                conditions.Remove(condition);
            }

            if (hasLeft && probes.Count == 0)
            {
                throw Error(query, query.Joins[table - 1].On.Start, $"the ON condition does not compare table '{SourceLocation.Quote(scope.Name(table))}' with the tables before it");
            }

            steps.Add(new JoinStep(table, kind, [.. probes], [.. builds]));
            available.Add(table);
            remaining.Remove(table);
        }

        if (conditions.Count > 0)
        {
            throw Error(query, conditions[0].Expression.Start, "an ON condition must compare an expression of the joined table with an expression of the tables before it (t.k = s.k)");
        }

        return steps;
    }

    private static bool IsCovered(Condition condition, int table, HashSet<int> available) =>
        condition.Tables.All(t => t == table || available.Contains(t));

    /// <summary>The equality's side that reads only <paramref name="table"/> (build) and the side that reads only the tables before it (probe).</summary>
    private static (SqlExpr Probe, SqlExpr Build) Split(SqlQuery query, ColumnScope scope, SqlExpr condition, int table)
    {
        if (condition is BinaryExpr { Operator: BinaryOperator.Equal } equality)
        {
            var left = References(equality.Left, scope);
            var right = References(equality.Right, scope);
            if (left.Count > 0 && left.All(t => t == table) && !right.Contains(table))
            {
                return (equality.Right, equality.Left);
            }

            if (right.Count > 0 && right.All(t => t == table) && !left.Contains(table))
            {
                return (equality.Left, equality.Right);
            }
        }

        throw Error(
            query,
            condition.Start,
            $"an ON condition must be an equality between an expression of the joined table '{SourceLocation.Quote(scope.Name(table))}' and one of the tables before it (conditions joined by AND); other conditions belong in WHERE");
    }

    private static IEnumerable<SqlExpr> Conjuncts(SqlExpr expression)
    {
        if (expression is BinaryExpr { Operator: BinaryOperator.And } and)
        {
            return Conjuncts(and.Left).Concat(Conjuncts(and.Right));
        }

        return [expression];
    }

    /// <summary>The tables an expression reads.</summary>
    private static HashSet<int> References(SqlExpr expression, ColumnScope scope)
    {
        var tables = new HashSet<int>();
        Collect(expression, scope, tables);
        return tables;

        static void Collect(SqlExpr e, ColumnScope scope, HashSet<int> tables)
        {
            if (e is ColumnExpr column)
            {
                var ordinal = scope.Find(column);
                if (ordinal < 0)
                {
                    throw scope.Unknown(column);
                }

                tables.Add(scope.TableOf(ordinal));
            }

            foreach (var child in e.Children)
            {
                Collect(child, scope, tables);
            }
        }
    }

    private static QueryException Error(SqlQuery query, int position, string why) =>
        new($"binder error at {SourceLocation.Describe(query.Text, position)}: {why}", position);

    private sealed record Condition(SqlExpr Expression, HashSet<int> Tables, int Owner);
}
