using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// COUNT(DISTINCT x): the set of non-NULL values seen, per group. Exact. The values held across all groups are
/// bounded: a new value past the limit (the query's <c>--max-groups</c>) throws <see cref="QueryException"/>.
/// </summary>
internal sealed class CountDistinctState(int maxValues) : AggregateState
{
    private HashSet<SqlValue>?[] _sets = [];

    /// <summary>The values held, summed over the groups' sets.</summary>
    private int _values;

    public override void Update(int group, in SqlValue value)
    {
        if (value.IsNull)
        {
            return;
        }

        if ((_sets[group] ??= []).Add(value))
        {
            Hold(1);
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var source = ((CountDistinctState)other)._sets[otherGroup];
        if (source is null || source.Count == 0)
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

    public override SqlValue Result(int group) => SqlValue.FromInt64(_sets[group]?.Count ?? 0);

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
            if (count == 0)
            {
                continue;
            }

            Hold(count);
            var set = new HashSet<SqlValue>(Math.Min(count, 1 << 20));
            for (var i = 0; i < count; i++)
            {
                set.Add(SqlValueCodec.Read(reader));
            }

            _sets[g] = set;
        }
    }

    /// <summary>Counts <paramref name="count"/> new values held; throws when they take the total past the limit.</summary>
    private void Hold(int count)
    {
        if (count > maxValues - _values)
        {
            throw new QueryException(
                $"the query holds more than {maxValues} distinct values for COUNT(DISTINCT) (--max-groups {maxValues}): count distinct values " +
                "of a column with fewer of them, filter with WHERE, or raise --max-groups if the silos have the memory (a value takes about 50 to 100 bytes plus its text)");
        }

        _values += count;
    }

    protected override void Resize(int capacity) => Array.Resize(ref _sets, capacity);
}
