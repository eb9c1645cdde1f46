using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>LOWER and UPPER (invariant culture) and LENGTH (in Unicode code points, as DuckDB counts).</summary>
internal sealed class StringFunctionEvaluator : Evaluator
{
    private readonly StringFunction _function;
    private readonly Evaluator _operand;

    public StringFunctionEvaluator(StringFunction function, Evaluator operand)
        : base(function == StringFunction.Length ? SqlType.BigInt : SqlType.Varchar)
    {
        _function = function;
        _operand = operand;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var v = _operand.Evaluate(row);
        if (v.IsNull)
        {
            return SqlValue.Null;
        }

        return _function switch
        {
            StringFunction.Lower => SqlValue.FromText(v.Text.ToLowerInvariant()),
            StringFunction.Upper => SqlValue.FromText(v.Text.ToUpperInvariant()),
            _ => SqlValue.FromInt64(CountRunes(v.Text)),
        };
    }

    public static long CountRunes(string text)
    {
        long count = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }
}
