using System.Text;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// One conjunct of a WHERE that a row group's statistics can refute: <c>column op constant</c> (= &lt;&gt; &lt; &lt;=
/// &gt; &gt;=, BETWEEN being two of them), <c>column IN (constants)</c>, <c>column IS [NOT] NULL</c>.
/// </summary>
internal sealed class RowGroupCondition
{
    private readonly BinaryOperator _op;
    private readonly SqlValue[] _constants;
    private readonly byte[]?[] _utf8;
    private readonly bool? _isNull;

    private RowGroupCondition(int ordinal, BinaryOperator op, SqlValue[] constants, bool? isNull)
    {
        Ordinal = ordinal;
        _op = op;
        _constants = constants;
        _isNull = isNull;
        _utf8 = [.. constants.Select(c => c.Type == SqlType.Varchar && SameOrderInUtf8(c.Text) ? Encoding.UTF8.GetBytes(c.Text) : null)];
    }

    /// <summary>The schema ordinal of the column.</summary>
    public int Ordinal { get; }

    /// <summary>The condition of a comparison, or null when it is not of a column and a constant.</summary>
    public static RowGroupCondition? Of(ComparisonEvaluator comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return (comparison.Left, comparison.Right) switch
        {
            (ColumnEvaluator column, ConstantEvaluator constant) when Usable(column, constant.Value) =>
                new RowGroupCondition(column.Ordinal, comparison.Operator, [constant.Value], null),
            (ConstantEvaluator constant, ColumnEvaluator column) when Usable(column, constant.Value) =>
                new RowGroupCondition(column.Ordinal, BinaryOperators.Mirror(comparison.Operator), [constant.Value], null),
            _ => null,
        };
    }

    /// <summary>The condition of <c>column IN (constants)</c>, or null.</summary>
    public static RowGroupCondition? Of(InSetEvaluator inSet)
    {
        ArgumentNullException.ThrowIfNull(inSet);
        if (inSet.Operand is not ColumnEvaluator column || inSet.Values.Any(v => !Usable(column, v)))
        {
            return null;
        }

        return new RowGroupCondition(column.Ordinal, BinaryOperator.Equal, [.. inSet.Values], null);
    }

    /// <summary>The condition of <c>column IS [NOT] NULL</c>, or null.</summary>
    public static RowGroupCondition? Of(IsNullEvaluator isNull)
    {
        ArgumentNullException.ThrowIfNull(isNull);
        return isNull.Operand is ColumnEvaluator column
            ? new RowGroupCondition(column.Ordinal, BinaryOperator.Equal, [], !isNull.Negated)
            : null;
    }

    /// <summary>True when no row of a chunk with these statistics can satisfy the condition.</summary>
    public bool Refutes(ColumnChunkStatistics stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (_isNull is { } wantNull)
        {
            return wantNull ? stats.NullCount == 0 : stats.AllNull;
        }

        if (stats.AllNull)
        {
            // A comparison with NULL is never true.
            return true;
        }

        if (!stats.HasMinMax)
        {
            return false;
        }

        for (var i = 0; i < _constants.Length; i++)
        {
            if (!RefutesOne(stats, i))
            {
                return false;
            }
        }

        return true;
    }

    private bool RefutesOne(ColumnChunkStatistics stats, int i)
    {
        int low, high;
        if (_constants[i].Type == SqlType.Varchar)
        {
            if (_utf8[i] is not { } utf8 || stats.MinUtf8 is null || stats.MaxUtf8 is null)
            {
                return false;
            }

            // min and max compared with the constant in UTF-8 byte order, Parquet's order of strings: the same as the
            // Engine's UTF-16 order for a constant without surrogates or characters from U+E000.
            low = Math.Sign(stats.MinUtf8.AsSpan().SequenceCompareTo(utf8));
            high = Math.Sign(stats.MaxUtf8.AsSpan().SequenceCompareTo(utf8));
        }
        else if (stats.Min.IsNull)
        {
            return false;
        }
        else
        {
            low = SqlValueComparer.Compare(stats.Min, _constants[i]);
            high = SqlValueComparer.Compare(stats.Max, _constants[i]);
        }

        // NaN is above every double (as DuckDB orders it) and Parquet's min/max leave it out, so a chunk's max does
        // not bound its doubles from above: only tests that a larger value cannot pass may use it.
        var maxBounds = stats.Max.Type != SqlType.Double;
        return _op switch
        {
            BinaryOperator.Equal => low > 0 || (maxBounds && high < 0),
            BinaryOperator.NotEqual => maxBounds && low == 0 && high == 0,
            BinaryOperator.Less => low >= 0,
            BinaryOperator.LessEqual => low > 0,
            BinaryOperator.Greater => maxBounds && high <= 0,
            BinaryOperator.GreaterEqual => maxBounds && high < 0,
            _ => false,
        };
    }

    private static bool Usable(ColumnEvaluator column, SqlValue constant) =>
        !constant.IsNull && (constant.Type == column.Type || (IsNumeric(constant.Type) && IsNumeric(column.Type)));

    private static bool IsNumeric(SqlType type) => type is SqlType.BigInt or SqlType.Double;

    private static bool SameOrderInUtf8(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\uD800')
            {
                return false;
            }
        }

        return true;
    }
}
