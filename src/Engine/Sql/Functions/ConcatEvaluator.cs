using System.Text;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary><c>CONCAT(a, b, ...)</c>: the arguments as text, NULLs skipped (so never NULL), as DuckDB.</summary>
internal sealed class ConcatEvaluator(Evaluator[] arguments) : Evaluator(SqlType.Varchar)
{
    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var sb = new StringBuilder();
        foreach (var argument in arguments)
        {
            var value = argument.Evaluate(row);
            if (!value.IsNull)
            {
                sb.Append(ValueText.Of(value));
            }
        }

        return SqlValue.FromText(sb.ToString());
    }
}
