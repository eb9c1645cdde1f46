using System.Runtime.CompilerServices;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// SUM and AVG of BIGINT: an exact 128-bit sum and a count. SUM is BIGINT (NULL over no values; a sum outside the
/// BIGINT range raises a <see cref="QueryException"/> at the end); AVG is DOUBLE. A batch adds into a 64-bit running sum
/// per group, moved into the group's 128-bit total just before it would overflow: a group's sum is its total plus its
/// running sum.
/// </summary>
internal sealed class IntegerSumState : AggregateState
{
    private readonly bool _average;
    private Int128[] _sums = [];
    private long[] _runningSums = [];
    private long[] _counts = [];

    public IntegerSumState(bool average)
    {
        _average = average;
    }

    public override void Update(int group, in SqlValue value)
    {
        if (value.IsNull)
        {
            return;
        }

        Add(group, value.Int64);
    }

    /// <summary>Folds one non-NULL value into a group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int group, long value)
    {
        _sums[group] += value;
        _counts[group]++;
    }

    /// <summary>
    /// Folds the values of rows <paramref name="rows"/>[i] of a batch vector, each into group <paramref name="groups"/>[i],
    /// skipping the NULLs <paramref name="nulls"/> flags (none when <paramref name="anyNull"/> is false).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddAll(ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, long[] values, bool[] nulls, bool anyNull)
    {
        var (sums, running, counts) = (_sums, _runningSums, _counts);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (anyNull && nulls[r])
            {
                continue;
            }

            var g = groups[i];
            var v = values[r];
            ref var sum = ref running[g];
            var next = unchecked(sum + v);
            if (((sum ^ next) & (v ^ next)) < 0)
            {
                sums[g] += sum;
                next = v;
            }

            sum = next;
            counts[g]++;
        }
    }

    /// <summary>Folds the values of rows <paramref name="rows"/>[i] of a batch vector into one group, skipping the NULLs (as <see cref="AddAll"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddToGroup(int group, ReadOnlySpan<int> rows, long[] values, bool[] nulls, bool anyNull)
    {
        // A 64-bit running sum, moved into the 128-bit total just before it would overflow.
        Int128 total = 0;
        long sum = 0, count = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (!anyNull || !nulls[r])
            {
                var v = values[r];
                var next = unchecked(sum + v);
                if (((sum ^ next) & (v ^ next)) < 0)
                {
                    total += sum;
                    next = v;
                }

                sum = next;
                count++;
            }
        }

        _sums[group] += total + sum;
        _counts[group] += count;
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var o = (IntegerSumState)other;
        _sums[group] += o.Sum(otherGroup);
        _counts[group] += o._counts[otherGroup];
    }

    public override SqlValue Result(int group)
    {
        var count = _counts[group];
        if (count == 0)
        {
            return SqlValue.Null;
        }

        var sum = Sum(group);
        if (_average)
        {
            return SqlValue.FromDouble((double)sum / count);
        }

        if (sum > long.MaxValue || sum < long.MinValue)
        {
            throw new QueryException($"out of range: SUM is {sum}, outside the BIGINT range; cast the argument to DOUBLE");
        }

        return SqlValue.FromInt64((long)sum);
    }

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            var sum = Sum(g);
            writer.Write((ulong)(sum >> 64));
            writer.Write((ulong)sum);
            SqlValueCodec.WriteInt64(writer, _counts[g]);
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            var upper = reader.ReadUInt64();
            var lower = reader.ReadUInt64();
            _sums[g] = new Int128(upper, lower);
            _counts[g] = SqlValueCodec.ReadInt64(reader);
        }
    }

    protected override void Resize(int capacity)
    {
        Array.Resize(ref _sums, capacity);
        Array.Resize(ref _runningSums, capacity);
        Array.Resize(ref _counts, capacity);
    }

    /// <summary>The exact sum of a group: its 128-bit total and its running sum.</summary>
    private Int128 Sum(int group) => _sums[group] + _runningSums[group];
}
