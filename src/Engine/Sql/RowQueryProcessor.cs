using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// A query without aggregates but with ORDER BY or LIMIT: partials keep result rows (the first LIMIT rows; with
/// ORDER BY, the top LIMIT rows or all rows up to a cap); Finish sorts and cuts.
/// </summary>
internal sealed class RowQueryProcessor : SqlQueryProcessor
{
    public RowQueryProcessor(BoundQuery query, int maxKeptRows)
        : base(query)
    {
        MaxKeptRows = maxKeptRows;
        Comparer = new KeptRowComparer(query.OrderBy);
    }

    public int MaxKeptRows { get; }

    public KeptRowComparer Comparer { get; }

    public override IPartial CreatePartial(Stream? output = null) => new RowPartial(this);

    public override IPartial ReadPartial(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var partial = new RowPartial(this);
        partial.Read(source);
        return partial;
    }

    public override ResultTable Finish(IPartial merged)
    {
        var partial = Own<RowPartial>(merged, this);
        var rows = partial.Rows();
        if (Query.OrderBy.Length > 0)
        {
            rows.Sort(Comparer);
        }

        var count = Query.Limit is { } limit ? (int)Math.Min(limit, rows.Count) : rows.Count;
        var result = new SqlValue[count][];
        for (var i = 0; i < count; i++)
        {
            result[i] = rows[i].Values;
        }

        return new ResultTable(Query.OutputColumns, result, count);
    }
}
