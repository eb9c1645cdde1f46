using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// <c>CASE WHEN c THEN r ... ELSE e END</c>: the result of the first condition that is TRUE (NULL counts as not true),
/// else the ELSE result (NULL without one). Results are already cast to <see cref="Evaluator.Type"/>.
/// </summary>
internal sealed class CaseEvaluator(SqlType type, Evaluator[] conditions, Evaluator[] results, Evaluator? otherwise) : Evaluator(type)
{
    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        for (var i = 0; i < conditions.Length; i++)
        {
            if (IsTrue(conditions[i].Evaluate(row)))
            {
                return results[i].Evaluate(row);
            }
        }

        return otherwise is null ? SqlValue.Null : otherwise.Evaluate(row);
    }
}
