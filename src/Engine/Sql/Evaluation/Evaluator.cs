using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>
/// A compiled expression: evaluates to a value of <see cref="Type"/> (or NULL) over one row. Evaluators are
/// immutable and safe to share between threads.
/// </summary>
internal abstract class Evaluator
{
    protected Evaluator(SqlType type)
    {
        Type = type;
    }

    public SqlType Type { get; }

    /// <summary>True when the value does not depend on the row.</summary>
    public virtual bool IsConstant => false;

    public abstract SqlValue Evaluate(ReadOnlySpan<SqlValue> row);

    /// <summary>True when the value is TRUE (not FALSE, not NULL).</summary>
    public static bool IsTrue(in SqlValue value) => value.Type == SqlType.Boolean && value.Int64 != 0;
}
