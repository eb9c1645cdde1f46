using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// APPROX_QUANTILE(x, q) over BIGINT, DOUBLE or TIMESTAMP: a <see cref="KllSketch"/> per group (at most about 600
/// doubles, however many values), so it merges across partitions and needs no limit on values. The result is one of
/// the input values (of the argument's type) whose rank is within about 1 % of q times the count; NULL over no values.
/// BIGINT and TIMESTAMP values are held as doubles, exact up to 2^53.
/// </summary>
internal sealed class ApproxQuantileState : AggregateState
{
    private readonly double _fraction;
    private readonly SqlType _type;
    private KllSketch?[] _sketches = [];

    public ApproxQuantileState(double fraction, SqlType type)
    {
        _fraction = fraction;
        _type = type;
    }

    public override void Update(int group, in SqlValue value)
    {
        if (!value.IsNull)
        {
            (_sketches[group] ??= new KllSketch()).Add(value.AsDouble());
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        if (((ApproxQuantileState)other)._sketches[otherGroup] is { } source)
        {
            (_sketches[group] ??= new KllSketch()).Merge(source);
        }
    }

    public override SqlValue Result(int group)
    {
        if (_sketches[group] is not { Count: > 0 } sketch)
        {
            return SqlValue.Null;
        }

        var value = sketch.Quantile(_fraction);
        return _type switch
        {
            SqlType.Double => SqlValue.FromDouble(value),
            SqlType.Timestamp => SqlValue.FromTimestamp((long)Math.Round(value)),
            _ => SqlValue.FromInt64((long)Math.Round(value)),
        };
    }

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            var sketch = _sketches[g];
            writer.Write(sketch is not null);
            sketch?.Write(writer);
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            _sketches[g] = reader.ReadBoolean() ? KllSketch.Read(reader) : null;
        }
    }

    protected override void Resize(int capacity) => Array.Resize(ref _sketches, capacity);
}
