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

        AddValue(group, value.AsDouble());
    }

    /// <summary>Folds one non-NULL value into a group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddValue(int group, double value)
    {
        Add(group, value);
        _counts[group]++;
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
    private void Add(int group, double x)
    {
        var sum = _sums[group];
        var t = sum + x;
        if (!double.IsFinite(t))
        {
            // An infinite or NaN sum stays so (as DuckDB's); its compensation, inf - inf, would make a merged inf NaN.
            _sums[group] = t;
            return;
        }

        if (Math.Abs(sum) >= Math.Abs(x))
        {
            _compensations[group] += (sum - t) + x;
        }
        else
        {
            _compensations[group] += (x - t) + sum;
        }

        _sums[group] = t;
    }
}
