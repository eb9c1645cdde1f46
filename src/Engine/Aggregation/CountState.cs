using System.Runtime.CompilerServices;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>COUNT(*) (every row) and COUNT(x) (non-NULL values).</summary>
internal sealed class CountState : AggregateState
{
    private readonly bool _star;
    private long[] _counts = [];

    public CountState(bool star)
    {
        _star = star;
    }

    public override void Update(int group, in SqlValue value)
    {
        if (_star || !value.IsNull)
        {
            _counts[group]++;
        }
    }

    /// <summary>Counts one row of group <paramref name="groups"/>[i] per i (COUNT(*) over a batch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void IncrementAll(ReadOnlySpan<int> groups)
    {
        var counts = _counts;
        foreach (var g in groups)
        {
            counts[g]++;
        }
    }

    /// <summary>Counts the non-NULL values of rows <paramref name="rows"/>[i] (NULL where <paramref name="nulls"/> says), each in group <paramref name="groups"/>[i] (COUNT(x) over a batch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void IncrementNonNull(ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, bool[] nulls)
    {
        var counts = _counts;
        for (var i = 0; i < rows.Length; i++)
        {
            counts[groups[i]] += nulls[rows[i]] ? 0 : 1;
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup) =>
        _counts[group] += ((CountState)other)._counts[otherGroup];

    public override SqlValue Result(int group) => SqlValue.FromInt64(_counts[group]);

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            SqlValueCodec.WriteInt64(writer, _counts[g]);
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            _counts[g] = SqlValueCodec.ReadInt64(reader);
        }
    }

    protected override void Resize(int capacity) => Array.Resize(ref _counts, capacity);
}
