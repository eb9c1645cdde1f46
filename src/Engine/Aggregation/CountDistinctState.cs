using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// COUNT(DISTINCT x): the set of non-NULL values seen, per group. Exact. The values held across all groups are
/// bounded: a new value past the limit (the query's <c>--max-groups</c>) throws <see cref="QueryException"/>.
/// </summary>
internal sealed class CountDistinctState(int maxValues) : AggregateState
{
    private readonly DistinctValueSets _sets = new(maxValues, "COUNT");

    public override void Update(int group, in SqlValue value) => _sets.Add(group, value);

    public override void Merge(int group, AggregateState other, int otherGroup) =>
        _sets.Merge(group, ((CountDistinctState)other)._sets, otherGroup);

    public override SqlValue Result(int group) => SqlValue.FromInt64(_sets[group]?.Count ?? 0);

    public override void Write(BinaryWriter writer, int groups) => _sets.Write(writer, groups);

    protected override void ReadStates(BinaryReader reader, int groups) => _sets.Read(reader, groups);

    protected override void Resize(int capacity) => _sets.Resize(capacity);
}
