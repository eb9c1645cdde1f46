using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Batch;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>A query with aggregates or GROUP BY: partials hold grouped aggregate states; Finish applies HAVING, the
/// projection, ORDER BY (or, without it, an order by all output values, so results are deterministic) and LIMIT.</summary>
internal sealed class AggregateQueryProcessor : SqlQueryProcessor
{
    public AggregateQueryProcessor(BoundQuery query, int maxGroups)
        : base(query)
    {
        MaxGroups = maxGroups;
        BatchPlan = BatchAggregatePlan.TryCreate(query);
    }

    /// <summary>The query compiled for column batches, or null when it runs row by row.</summary>
    public BatchAggregatePlan? BatchPlan { get; }

    /// <summary>The most groups a partial (one partition's or the merged one) may hold.</summary>
    public int MaxGroups { get; }

    /// <summary>The error of a partial that would pass <see cref="MaxGroups"/>.</summary>
    public QueryException TooManyGroups() => new(
        $"the query makes more than {MaxGroups} groups (--max-groups {MaxGroups}): group by fewer distinct values, filter with WHERE, " +
        "or raise --max-groups if the silos have the memory (a group takes about 100 to 200 bytes)");

    public override IPartial CreatePartial(Stream? output = null) => new AggregatePartial(this);

    public override IPartial ReadPartial(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var partial = new AggregatePartial(this);
        partial.Read(source);
        return partial;
    }

    public override ResultTable Finish(IPartial merged)
    {
        var partial = Own<AggregatePartial>(merged, this);
        var q = Query;
        var groups = partial.Groups;
        var width = groups.Width;
        var groupRow = new SqlValue[width + q.Aggregates.Length];
        var rows = new List<KeptRow>(groups.Count);
        var seen = q.DistinctRows ? new HashSet<SqlValue[]>(RowValuesComparer.Instance) : null;
        for (var g = 0; g < groups.Count; g++)
        {
            groups.KeyOf(g).CopyTo(groupRow);
            for (var a = 0; a < q.Aggregates.Length; a++)
            {
                groupRow[width + a] = partial.States[a].Result(g);
            }

            if (q.Having is not null && !Evaluation.Evaluator.IsTrue(q.Having.Evaluate(groupRow)))
            {
                continue;
            }

            var values = new SqlValue[q.Outputs.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = q.Outputs[i].Evaluate(groupRow);
            }

            if (seen is not null && !seen.Add(values))
            {
                continue;
            }

            var keys = q.ExtraSortKeys.Length == 0 ? [] : new SqlValue[q.ExtraSortKeys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = q.ExtraSortKeys[i].Evaluate(groupRow);
            }

            rows.Add(new KeptRow(values, keys));
        }

        rows.Sort(new KeptRowComparer(q.OrderBy));
        var count = q.Limit is { } limit ? (int)Math.Min(limit, rows.Count) : rows.Count;
        var result = new SqlValue[count][];
        for (var i = 0; i < count; i++)
        {
            result[i] = rows[i].Values;
        }

        return new ResultTable(q.OutputColumns, result, count);
    }
}
