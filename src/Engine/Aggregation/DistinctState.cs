using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// An aggregate over DISTINCT values (SUM(DISTINCT x), AVG(DISTINCT x), ...): the set of non-NULL values per group,
/// merged by union; at the end the values, sorted (so the answer does not depend on partitioning), are folded into a
/// fresh state of the inner aggregate. The values held over all groups are bounded by the query's <c>--max-groups</c>.
/// </summary>
internal sealed class DistinctState : AggregateState
{
    private readonly Func<AggregateState> _createInner;
    private readonly DistinctValueSets _sets;

    /// <param name="createInner">Makes an empty state of the aggregate applied to the distinct values.</param>
    /// <param name="name">The aggregate's name, for errors.</param>
    /// <param name="maxValues">The most values held over all groups.</param>
    public DistinctState(Func<AggregateState> createInner, string name, int maxValues)
    {
        _createInner = createInner;
        _sets = new DistinctValueSets(maxValues, name);
    }

    public override void Update(int group, in SqlValue value) => _sets.Add(group, value);

    public override void Merge(int group, AggregateState other, int otherGroup) =>
        _sets.Merge(group, ((DistinctState)other)._sets, otherGroup);

    public override SqlValue Result(int group)
    {
        var inner = _createInner();
        inner.EnsureCapacity(1);
        if (_sets[group] is { } set)
        {
            var values = new List<SqlValue>(set);
            values.Sort(static (a, b) => SqlValueComparer.Compare(a, b));
            foreach (var value in values)
            {
                inner.Update(0, value);
            }
        }

        return inner.Result(0);
    }

    public override void Write(BinaryWriter writer, int groups) => _sets.Write(writer, groups);

    protected override void ReadStates(BinaryReader reader, int groups) => _sets.Read(reader, groups);

    protected override void Resize(int capacity) => _sets.Resize(capacity);
}
