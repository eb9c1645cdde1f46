using System.Text;
using System.Text.Unicode;
using OrleansProc.Engine.Io.Filters;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Batch;

/// <summary>
/// Compiles a conjunct of a WHERE on a VARCHAR column into a filter on the field's bytes (<see cref="Utf8FieldFilter"/>):
/// <c>column = 'x'</c> and <c>&lt;&gt;</c>, <c>IN</c> and <c>NOT IN</c> of literals, <c>LIKE</c> and <c>NOT LIKE</c>
/// with a pattern of no wildcard, <c>'x%'</c>, <c>'%x'</c> or <c>'%x%'</c>, and NOT of these. Anything else (ILIKE,
/// <c>_</c>, a <c>%</c> inside the literal, an ordering comparison, an expression of the column) is not compiled and
/// the query runs row by row.
/// </summary>
internal static class Utf8FilterCompiler
{
    /// <summary>The filter of <paramref name="conjunct"/>, or null when it is not one of the shapes above.</summary>
    public static Utf8FieldFilter? TryCompile(Evaluator conjunct) => TryCompile(conjunct, negate: false);

    private static Utf8FieldFilter? TryCompile(Evaluator conjunct, bool negate)
    {
        switch (conjunct)
        {
            case NotEvaluator not:
                return TryCompile(not.Operand, !negate);
            case ComparisonEvaluator comparison when comparison.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual:
                var (column, constant) = comparison switch
                {
                    { Left: ColumnEvaluator c, Right: ConstantEvaluator k } => (c, k),
                    { Left: ConstantEvaluator k, Right: ColumnEvaluator c } => (c, k),
                    _ => (null, null),
                };
                if (!IsVarchar(column) || !TryUtf8(constant, out var literal))
                {
                    return null;
                }

                return new Utf8EqualsFilter(column!.Ordinal, literal, negate != (comparison.Operator == BinaryOperator.NotEqual));
            case InSetEvaluator { Operand: ColumnEvaluator inColumn } inSet when IsVarchar(inColumn):
                // x NOT IN (..., NULL) is never TRUE; x IN (..., NULL) is TRUE exactly when x is in the list.
                if (negate && inSet.ListHasNull)
                {
                    return null;
                }

                var literals = new List<byte[]>();
                foreach (var value in inSet.Values)
                {
                    if (value.IsNull || value.Type != SqlType.Varchar || !TryUtf8(value.Text, out var bytes))
                    {
                        return null;
                    }

                    literals.Add(bytes);
                }

                return new Utf8SetFilter(inColumn.Ordinal, literals, negate);
            case LikeEvaluator { CaseInsensitive: false, Operand: ColumnEvaluator likeColumn, Pattern: ConstantEvaluator pattern } when IsVarchar(likeColumn):
                return TryCompileLike(likeColumn.Ordinal, pattern, negate);
            default:
                return null;
        }
    }

    private static Utf8FieldFilter? TryCompileLike(int column, ConstantEvaluator pattern, bool negate)
    {
        if (pattern.Value.IsNull || pattern.Value.Type != SqlType.Varchar)
        {
            return null;
        }

        var text = pattern.Value.Text;
        if (text.Contains('_', StringComparison.Ordinal))
        {
            return null;
        }

        var trimmedStart = text.AsSpan().TrimStart('%');
        var trimmed = trimmedStart.TrimEnd('%');
        if (trimmed.Contains('%') || !TryUtf8(trimmed.ToString(), out var literal))
        {
            return null;
        }

        var anchoredAtStart = trimmedStart.Length == text.Length;
        var anchoredAtEnd = trimmed.Length == trimmedStart.Length;
        return anchoredAtStart && anchoredAtEnd
            ? new Utf8EqualsFilter(column, literal, negate)
            : new Utf8LikeFilter(column, literal, anchoredAtStart, anchoredAtEnd, negate);
    }

    private static bool IsVarchar(ColumnEvaluator? column) => column is { Type: SqlType.Varchar };

    private static bool TryUtf8(ConstantEvaluator? constant, out byte[] utf8)
    {
        utf8 = [];
        return constant is { Value.IsNull: false, Value.Type: SqlType.Varchar } && TryUtf8(constant.Value.Text, out utf8);
    }

    /// <summary>The UTF-8 of a literal; false when it holds a lone surrogate (no valid UTF-8 field equals it).</summary>
    private static bool TryUtf8(string text, out byte[] utf8)
    {
        utf8 = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        if (Utf8.FromUtf16(text, utf8, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            utf8 = [];
            return false;
        }

        utf8 = utf8[..written];
        return true;
    }
}
