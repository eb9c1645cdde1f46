using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// VAR_SAMP, VAR_POP, STDDEV_SAMP and STDDEV_POP: per group a count, a mean and M2 (the sum of squared deviations
/// from the mean), updated by Welford's method and merged by Chan et al.'s parallel formula, so the result hardly
/// depends on how the rows were partitioned. NULL over no values, and the sample forms are NULL over one value; a
/// result that is not finite raises a <see cref="QueryException"/> ("out of range"), as in DuckDB.
/// </summary>
internal sealed class VarianceState : AggregateState
{
    private readonly AggregateKind _kind;
    private long[] _counts = [];
    private double[] _means = [];
    private double[] _m2s = [];

    public VarianceState(AggregateKind kind)
    {
        if (kind is not (AggregateKind.VarianceSample or AggregateKind.VariancePopulation or AggregateKind.StdDevSample or AggregateKind.StdDevPopulation))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        _kind = kind;
    }

    public override void Update(int group, in SqlValue value)
    {
        if (value.IsNull)
        {
            return;
        }

        var x = value.AsDouble();
        var n = ++_counts[group];
        var delta = x - _means[group];
        _means[group] += delta / n;
        _m2s[group] += delta * (x - _means[group]);
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var o = (VarianceState)other;
        var nb = o._counts[otherGroup];
        if (nb == 0)
        {
            return;
        }

        var na = _counts[group];
        if (na == 0)
        {
            _counts[group] = nb;
            _means[group] = o._means[otherGroup];
            _m2s[group] = o._m2s[otherGroup];
            return;
        }

        var n = na + nb;
        var delta = o._means[otherGroup] - _means[group];
        _means[group] += delta * nb / n;
        _m2s[group] += o._m2s[otherGroup] + (delta * delta * ((double)na * nb / n));
        _counts[group] = n;
    }

    public override SqlValue Result(int group)
    {
        var n = _counts[group];
        var sample = _kind is AggregateKind.VarianceSample or AggregateKind.StdDevSample;
        if (n == 0 || (sample && n == 1))
        {
            return SqlValue.Null;
        }

        var variance = _m2s[group] / (sample ? n - 1 : n);
        var result = _kind is AggregateKind.StdDevSample or AggregateKind.StdDevPopulation ? Math.Sqrt(variance) : variance;
        if (!double.IsFinite(result))
        {
            throw new QueryException($"out of range: {Name(_kind)} is not a finite number (the values are too large, infinite or NaN)");
        }

        return SqlValue.FromDouble(result);
    }

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            SqlValueCodec.WriteInt64(writer, _counts[g]);
            writer.Write(_means[g]);
            writer.Write(_m2s[g]);
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            _counts[g] = SqlValueCodec.ReadInt64(reader);
            _means[g] = reader.ReadDouble();
            _m2s[g] = reader.ReadDouble();
        }
    }

    protected override void Resize(int capacity)
    {
        Array.Resize(ref _counts, capacity);
        Array.Resize(ref _means, capacity);
        Array.Resize(ref _m2s, capacity);
    }

    private static string Name(AggregateKind kind) => kind switch
    {
        AggregateKind.VarianceSample => "VAR_SAMP",
        AggregateKind.VariancePopulation => "VAR_POP",
        AggregateKind.StdDevSample => "STDDEV_SAMP",
        _ => "STDDEV_POP",
    };
}
