using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>The value of one column of the row.</summary>
internal sealed class ColumnEvaluator : Evaluator
{
    public ColumnEvaluator(int ordinal, SqlType type)
        : base(type)
    {
        Ordinal = ordinal;
    }

    public int Ordinal { get; }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row) => row[Ordinal];
}
