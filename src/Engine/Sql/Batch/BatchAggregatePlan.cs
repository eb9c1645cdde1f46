using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Io.Filters;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Batch;

/// <summary>
/// An aggregate query compiled once for column batches (see <see cref="Io.ColumnBatch"/>): a WHERE that is a
/// conjunction of <c>column op constant</c> over numeric or timestamp columns and of filters on VARCHAR columns'
/// bytes (<see cref="Utf8FilterCompiler"/>: equality, IN, LIKE prefix/suffix/contains), at most two GROUP BY keys
/// that are VARCHAR columns (looked up by their interned codes), and aggregates over plain columns (COUNT, SUM, AVG,
/// MIN, MAX; not DISTINCT). Other queries get no plan and run row by row; a plan gives the same answers.
/// </summary>
internal sealed class BatchAggregatePlan
{
    /// <summary>The most GROUP BY keys a plan takes.</summary>
    public const int MaxKeys = 2;

    private BatchAggregatePlan(BatchPredicate[] predicates, Utf8FieldFilter[] filters, bool[] heldColumns, int[] keyColumns, BatchAggregate[] aggregates)
    {
        Predicates = predicates;
        Filters = filters;
        HeldColumns = heldColumns;
        KeyColumns = keyColumns;
        Aggregates = aggregates;
    }

    /// <summary>The conjuncts of the WHERE, all of which must hold; empty without WHERE.</summary>
    public BatchPredicate[] Predicates { get; }

    /// <summary>The conjuncts of the WHERE on VARCHAR columns, tested on the fields' bytes before a record is parsed.</summary>
    public Utf8FieldFilter[] Filters { get; }

    /// <summary>One flag per input column: the columns the batch holds (the needed ones but those only filtered on).</summary>
    public bool[] HeldColumns { get; }

    /// <summary>The ordinals of the VARCHAR GROUP BY columns, in the order of the keys; empty without GROUP BY.</summary>
    public int[] KeyColumns { get; }

    /// <summary>One per aggregate of the query, in order.</summary>
    public BatchAggregate[] Aggregates { get; }

    /// <summary>The plan of <paramref name="query"/>, or null when it needs the row-by-row path.</summary>
    public static BatchAggregatePlan? TryCreate(BoundQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var schema = query.InputSchema;
        if (!query.IsAggregate || query.GroupKeys.Length > MaxKeys)
        {
            return null;
        }

        var keyColumns = new int[query.GroupKeys.Length];
        for (var k = 0; k < keyColumns.Length; k++)
        {
            if (query.GroupKeys[k] is not ColumnEvaluator { Type: SqlType.Varchar } key)
            {
                return null;
            }

            keyColumns[k] = key.Ordinal;
        }

        var predicates = new List<BatchPredicate>();
        var filters = new List<Utf8FieldFilter>();
        if (query.Where is { } where && !TryAddConjuncts(where, predicates, filters))
        {
            return null;
        }

        // Only the keys are held as VARCHARs: interning every value of another text column would cost more than rows
        // do. Another VARCHAR column may be needed only by the filters, which read its bytes (the aggregates below
        // take no VARCHAR column but a key).
        var held = new bool[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var type = schema.Columns[i].Type;
            var filtered = filters.Exists(f => f.Column == i);
            var isKey = keyColumns.Contains(i);
            if (query.NeededColumns[i] && (type == SqlType.Null || (type == SqlType.Varchar && !isKey && !filtered)))
            {
                return null;
            }

            held[i] = query.NeededColumns[i] && (type != SqlType.Varchar || isKey);
        }

        var aggregates = new BatchAggregate[query.Aggregates.Length];
        for (var i = 0; i < aggregates.Length; i++)
        {
            var spec = query.Aggregates[i];
            if (spec.Kind == AggregateKind.CountStar)
            {
                aggregates[i] = new BatchAggregate(spec.Kind, -1, SqlType.Null);
                continue;
            }

            if (spec.Argument is not ColumnEvaluator column || spec.Distinct || spec.SecondArgument is not null
                || (column.Type == SqlType.Varchar && !keyColumns.Contains(column.Ordinal)))
            {
                return null;
            }

            var supported = spec.Kind switch
            {
                AggregateKind.Count => true,
                AggregateKind.SumBigInt or AggregateKind.AvgBigInt => column.Type == SqlType.BigInt,
                AggregateKind.SumDouble or AggregateKind.AvgDouble => column.Type == SqlType.Double,
                AggregateKind.Min or AggregateKind.Max => column.Type is SqlType.BigInt or SqlType.Double or SqlType.Timestamp or SqlType.Date or SqlType.Boolean,
                _ => false,
            };
            if (!supported)
            {
                return null;
            }

            aggregates[i] = new BatchAggregate(spec.Kind, column.Ordinal, column.Type);
        }

        // The most selective filters cannot be known; equality and IN first, as they reject most values soonest.
        var ordered = filters.OrderBy(f => f is Utf8LikeFilter ? 1 : 0).ToArray();
        return new BatchAggregatePlan([.. predicates], ordered, held, keyColumns, aggregates);
    }

    private static bool TryAddConjuncts(Evaluator where, List<BatchPredicate> predicates, List<Utf8FieldFilter> filters)
    {
        if (Utf8FilterCompiler.TryCompile(where) is { } filter)
        {
            filters.Add(filter);
            return true;
        }

        switch (where)
        {
            case AndEvaluator and:
                return TryAddConjuncts(and.Left, predicates, filters) && TryAddConjuncts(and.Right, predicates, filters);
            case ComparisonEvaluator comparison:
                var op = comparison.Operator;
                if (comparison.Left is ColumnEvaluator column && comparison.Right is ConstantEvaluator constant)
                {
                    return TryAdd(column, op, constant, predicates);
                }

                if (comparison.Left is ConstantEvaluator leftConstant && comparison.Right is ColumnEvaluator rightColumn)
                {
                    return TryAdd(rightColumn, BinaryOperators.Mirror(op), leftConstant, predicates);
                }

                return false;
            default:
                return false;
        }
    }

    private static bool TryAdd(ColumnEvaluator column, BinaryOperator op, ConstantEvaluator constant, List<BatchPredicate> predicates)
    {
        var value = constant.Value;
        if (value.IsNull || value.Type != column.Type)
        {
            return false;
        }

        switch (column.Type)
        {
            case SqlType.BigInt or SqlType.Timestamp or SqlType.Date:
                var c = value.Int64;
                var (low, high, negate) = op switch
                {
                    BinaryOperator.Equal => (c, c, false),
                    BinaryOperator.NotEqual => (c, c, true),
                    BinaryOperator.Less => c == long.MinValue ? (1L, 0L, false) : (long.MinValue, c - 1, false),
                    BinaryOperator.LessEqual => (long.MinValue, c, false),
                    BinaryOperator.Greater => c == long.MaxValue ? (1L, 0L, false) : (c + 1, long.MaxValue, false),
                    _ => (c, long.MaxValue, false),
                };
                predicates.Add(new BatchPredicate(column.Ordinal, column.Type, op, low, high, negate, 0));
                return true;
            case SqlType.Double:
                predicates.Add(new BatchPredicate(column.Ordinal, column.Type, op, 0, 0, false, value.Float64));
                return true;
            default:
                return false;
        }
    }
}
