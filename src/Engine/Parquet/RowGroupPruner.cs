using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Evaluation;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Decides from a row group's min/max statistics and NULL counts that no row of it can pass a query's WHERE, so the
/// row group need not be read: the WHERE's top-level conjunctions are taken apart into <see cref="RowGroupCondition"/>s,
/// and one refuted condition refutes the row group. Other conjuncts (OR, functions, LIKE, ...) are left to the filter.
/// </summary>
internal sealed class RowGroupPruner
{
    private readonly RowGroupCondition[] _conditions;

    private RowGroupPruner(RowGroupCondition[] conditions) => _conditions = conditions;

    /// <summary>The schema ordinals whose statistics the pruner reads.</summary>
    public IEnumerable<int> Ordinals => _conditions.Select(c => c.Ordinal).Distinct();

    /// <summary>True when there is no condition to check.</summary>
    public bool IsEmpty => _conditions.Length == 0;

    /// <summary>The pruner of a processor's WHERE (none for a processor without one, or not a SQL query).</summary>
    public static RowGroupPruner For(IPartitionProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        var conditions = new List<RowGroupCondition>();
        if (processor is SqlQueryProcessor { Query.Where: { } where })
        {
            Collect(where, conditions);
        }

        return new RowGroupPruner([.. conditions]);
    }

    /// <summary>True when the statistics refute a condition; <paramref name="statistics"/> gives a column's, or null when unknown.</summary>
    public bool CanSkip(Func<int, ColumnChunkStatistics?> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        foreach (var condition in _conditions)
        {
            if (statistics(condition.Ordinal) is { } stats && condition.Refutes(stats))
            {
                return true;
            }
        }

        return false;
    }

    private static void Collect(Evaluator evaluator, List<RowGroupCondition> conditions)
    {
        var condition = evaluator switch
        {
            AndEvaluator and => CollectBoth(and, conditions),
            ComparisonEvaluator comparison => RowGroupCondition.Of(comparison),
            InSetEvaluator inSet => RowGroupCondition.Of(inSet),
            IsNullEvaluator isNull => RowGroupCondition.Of(isNull),
            _ => null,
        };
        if (condition is not null)
        {
            conditions.Add(condition);
        }
    }

    private static RowGroupCondition? CollectBoth(AndEvaluator and, List<RowGroupCondition> conditions)
    {
        Collect(and.Left, conditions);
        Collect(and.Right, conditions);
        return null;
    }
}
