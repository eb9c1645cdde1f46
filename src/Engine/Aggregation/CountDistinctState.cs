using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>COUNT(DISTINCT x): the set of non-NULL values seen, per group. Exact.</summary>
internal sealed class CountDistinctState : AggregateState
{
    private HashSet<SqlValue>?[] _sets = [];

    public override void Update(int group, in SqlValue value)
    {
        if (value.IsNull)
        {
            return;
        }

        (_sets[group] ??= []).Add(value);
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var source = ((CountDistinctState)other)._sets[otherGroup];
        if (source is null || source.Count == 0)
        {
            return;
        }

        var target = _sets[group] ??= new HashSet<SqlValue>(source.Count);
        target.UnionWith(source);
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

            var set = new HashSet<SqlValue>(Math.Min(count, 1 << 20));
            for (var i = 0; i < count; i++)
            {
                set.Add(SqlValueCodec.Read(reader));
            }

            _sets[g] = set;
        }
    }

    protected override void Resize(int capacity) => Array.Resize(ref _sets, capacity);
}
