using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// The distinct non-NULL values of each group, for the aggregates over DISTINCT values (<see cref="CountDistinctState"/>,
/// <see cref="DistinctState"/>): merged by union and written as a count and the values. The values held over all
/// groups are bounded: a new value past <c>maxValues</c> (the query's <c>--max-groups</c>) throws <see cref="QueryException"/>.
/// </summary>
/// <param name="maxValues">The most values held over all groups.</param>
/// <param name="aggregate">The aggregate's name, for the error (COUNT, SUM, ...).</param>
internal sealed class DistinctValueSets(int maxValues, string aggregate)
{
    private HashSet<SqlValue>?[] _sets = [];

    /// <summary>The values held, summed over the groups' sets.</summary>
    private int _values;

    /// <summary>The set of <paramref name="group"/>; null when it has no value yet.</summary>
    public HashSet<SqlValue>? this[int group] => _sets[group];

    public void Add(int group, in SqlValue value)
    {
        if (!value.IsNull && (_sets[group] ??= []).Add(value))
        {
            Hold(1);
        }
    }

    public void Merge(int group, DistinctValueSets other, int otherGroup)
    {
        var source = other._sets[otherGroup];
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

    public void Write(BinaryWriter writer, int groups)
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

    public void Read(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            var count = reader.Read7BitEncodedInt();
            if (count < 0)
            {
                throw new InvalidDataException("partial holds a negative count of distinct values");
            }

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

    public void Resize(int capacity) => Array.Resize(ref _sets, capacity);

    /// <summary>Counts <paramref name="count"/> new values held; throws when they take the total past the limit.</summary>
    private void Hold(int count)
    {
        if (count > maxValues - _values)
        {
            throw new QueryException(
                $"the query holds more than {maxValues} distinct values for {aggregate}(DISTINCT) (--max-groups {maxValues}): filter with WHERE, " +
                "or raise --max-groups if the silos have the memory (a value takes about 50 to 100 bytes plus its text)");
        }

        _values += count;
    }
}
