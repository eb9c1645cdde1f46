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
    private readonly string _name;
    private readonly int _maxValues;
    private HashSet<SqlValue>?[] _sets = [];
    private int _values;

    /// <param name="createInner">Makes an empty state of the aggregate applied to the distinct values.</param>
    /// <param name="name">The aggregate's name, for errors.</param>
    /// <param name="maxValues">The most values held over all groups.</param>
    public DistinctState(Func<AggregateState> createInner, string name, int maxValues)
    {
        _createInner = createInner;
        _name = name;
        _maxValues = maxValues;
    }

    public override void Update(int group, in SqlValue value)
    {
        if (!value.IsNull && (_sets[group] ??= []).Add(value))
        {
            Hold(1);
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var source = ((DistinctState)other)._sets[otherGroup];
        if (source is null)
        {
            return;
        }

        var target = _sets[group] ??= new HashSet<SqlValue>(source.Count);
        foreach (var value in source)
        {
            if (target.Add(value))
            {
                Hold(1);
            }
        }
    }

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

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            var set = _sets[g];
            writer.Write7BitEncodedInt(set?.Count ?? 0);
            if (set is null)
            {
                continue;
            }

            foreach (var value in set)
            {
                SqlValueCodec.Write(writer, value);
            }
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            var count = reader.Read7BitEncodedInt();
            if (count < 0)
            {
                throw new InvalidDataException("partial holds a negative count of distinct values");
            }

            for (var i = 0; i < count; i++)
            {
                Update(g, SqlValueCodec.Read(reader));
            }
        }
    }

    protected override void Resize(int capacity) => Array.Resize(ref _sets, capacity);

    private void Hold(int count)
    {
        if (count > _maxValues - _values)
        {
            throw new QueryException(
                $"the query holds more than {_maxValues} distinct values for {_name}(DISTINCT) (--max-groups {_maxValues}): filter with WHERE, " +
                "or raise --max-groups if the silos have the memory (a value takes about 50 to 100 bytes plus its text)");
        }

        _values += count;
    }
}
