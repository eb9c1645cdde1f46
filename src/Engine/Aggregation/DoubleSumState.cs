using System.Runtime.CompilerServices;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// SUM and AVG of DOUBLE with Neumaier's compensated summation (a sum and a running compensation), so the result
/// hardly depends on the order of the values or of the merges. SUM is NULL over no values.
/// </summary>
internal sealed class DoubleSumState : AggregateState
{
    private readonly bool _average;
    private double[] _sums = [];
    private double[] _compensations = [];
    private long[] _counts = [];

    public DoubleSumState(bool average)
    {
        _average = average;
    }

    public override void Update(int group, in SqlValue value)
    {
        if (value.IsNull)
        {
            return;
        }

        Add(group, value.AsDouble());
        _counts[group]++;
    }

    /// <summary>
    /// Folds the values of rows <paramref name="rows"/>[i] of a batch vector, each into group <paramref name="groups"/>[i],
    /// skipping the NULLs <paramref name="nulls"/> flags (none when <paramref name="anyNull"/> is false).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddAll(ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, double[] values, bool[] nulls, bool anyNull)
    {
        var (sums, compensations, counts) = (_sums, _compensations, _counts);
        if (!anyNull)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var g = groups[i];
                ref var sum = ref sums[g];
                sum = Neumaier(sum, values[rows[i]], ref compensations[g]);
                counts[g]++;
            }

            return;
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (!nulls[r])
            {
                var g = groups[i];
                ref var sum = ref sums[g];
                sum = Neumaier(sum, values[r], ref compensations[g]);
                counts[g]++;
            }
        }
    }

    /// <summary>Folds the values of rows <paramref name="rows"/>[i] of a batch vector into one group, skipping the NULLs (as <see cref="AddAll"/>, the same sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddToGroup(int group, ReadOnlySpan<int> rows, double[] values, bool[] nulls, bool anyNull)
    {
        var (sum, compensation) = (_sums[group], _compensations[group]);
        long count = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (!anyNull || !nulls[r])
            {
                sum = Neumaier(sum, values[r], ref compensation);
                count++;
            }
        }

        (_sums[group], _compensations[group]) = (sum, compensation);
        _counts[group] += count;
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var o = (DoubleSumState)other;
        if (o._counts[otherGroup] == 0)
        {
            return;
        }

        Add(group, o._sums[otherGroup]);
        Add(group, o._compensations[otherGroup]);
        _counts[group] += o._counts[otherGroup];
    }

    public override SqlValue Result(int group)
    {
        var count = _counts[group];
        if (count == 0)
        {
            return SqlValue.Null;
        }

        var sum = _sums[group];
        var total = double.IsFinite(sum) ? sum + _compensations[group] : sum;
        return SqlValue.FromDouble(_average ? total / count : total);
    }

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            writer.Write(_sums[g]);
            writer.Write(_compensations[g]);
            SqlValueCodec.WriteInt64(writer, _counts[g]);
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            _sums[g] = reader.ReadDouble();
            _compensations[g] = reader.ReadDouble();
            _counts[g] = SqlValueCodec.ReadInt64(reader);
        }
    }

    protected override void Resize(int capacity)
    {
        Array.Resize(ref _sums, capacity);
        Array.Resize(ref _compensations, capacity);
        Array.Resize(ref _counts, capacity);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(int group, double x) => _sums[group] = Neumaier(_sums[group], x, ref _compensations[group]);

    /// <summary>One step of Neumaier's summation: <paramref name="sum"/> + <paramref name="x"/>, the lost low part added to <paramref name="compensation"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Neumaier(double sum, double x, ref double compensation)
    {
        var t = sum + x;
        if (!double.IsFinite(t))
        {
            // An infinite or NaN sum stays so (as DuckDB's); its compensation, inf - inf, would make a merged inf NaN.
            return t;
        }

        compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
        return t;
    }
}
