using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// MEDIAN, QUANTILE_CONT and QUANTILE_DISC, exact: every non-NULL value of a group is kept (in the partial too) and
/// sorted at the end. The values held over all groups are bounded: past the limit (the query's <c>--max-groups</c>)
/// it throws a <see cref="QueryException"/> that points to APPROX_QUANTILE. As in DuckDB, the continuous quantile
/// interpolates between the values at ranks floor and ceil of (n - 1) * q (as DOUBLE; a TIMESTAMP's microseconds
/// rounded half away from zero), and the discrete one takes the value at index max(1, n - floor(n - n * q)) - 1.
/// </summary>
internal sealed class QuantileState : AggregateState
{
    private readonly bool _continuous;
    private readonly double _fraction;
    private readonly SqlType _resultType;
    private readonly string _name;
    private readonly int _maxValues;
    private List<SqlValue>?[] _lists = [];
    private int _values;

    /// <param name="continuous">QUANTILE_CONT (interpolated) rather than QUANTILE_DISC.</param>
    /// <param name="fraction">The quantile, from 0 to 1.</param>
    /// <param name="resultType">DOUBLE or TIMESTAMP for the continuous form; the argument's type for the discrete one.</param>
    /// <param name="name">The function's name, for errors.</param>
    /// <param name="maxValues">The most values held over all groups.</param>
    public QuantileState(bool continuous, double fraction, SqlType resultType, string name, int maxValues)
    {
        _continuous = continuous;
        _fraction = fraction;
        _resultType = resultType;
        _name = name;
        _maxValues = maxValues;
    }

    public override void Update(int group, in SqlValue value)
    {
        if (value.IsNull)
        {
            return;
        }

        Hold(1);
        (_lists[group] ??= []).Add(value);
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var source = ((QuantileState)other)._lists[otherGroup];
        if (source is null || source.Count == 0)
        {
            return;
        }

        Hold(source.Count);
        (_lists[group] ??= new List<SqlValue>(source.Count)).AddRange(source);
    }

    public override SqlValue Result(int group)
    {
        var list = _lists[group];
        if (list is null || list.Count == 0)
        {
            return SqlValue.Null;
        }

        list.Sort(static (a, b) => SqlValueComparer.Compare(a, b));
        var n = list.Count;
        if (!_continuous)
        {
            var index = Math.Max(1L, n - (long)Math.Floor(n - (n * _fraction))) - 1;
            return list[(int)Math.Min(index, n - 1)];
        }

        var rank = (n - 1) * _fraction;
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        var lo = list[lower].AsDouble();
        var hi = list[upper].AsDouble();
        var interpolated = lower == upper ? lo : lo + ((rank - lower) * (hi - lo));
        return _resultType == SqlType.Timestamp
            ? SqlValue.FromTimestamp((long)Math.Round(interpolated, MidpointRounding.AwayFromZero))
            : SqlValue.FromDouble(interpolated);
    }

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            var list = _lists[g];
            writer.Write7BitEncodedInt(list?.Count ?? 0);
            if (list is null)
            {
                continue;
            }

            foreach (var value in list)
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
                throw new InvalidDataException("partial holds a negative count of quantile values");
            }

            if (count == 0)
            {
                continue;
            }

            Hold(count);
            var list = new List<SqlValue>(count);
            for (var i = 0; i < count; i++)
            {
                list.Add(SqlValueCodec.Read(reader));
            }

            _lists[g] = list;
        }
    }

    protected override void Resize(int capacity) => Array.Resize(ref _lists, capacity);

    /// <summary>Counts <paramref name="count"/> more values held; throws when they take the total past the limit.</summary>
    private void Hold(int count)
    {
        if (count > _maxValues - _values)
        {
            throw new QueryException(
                $"the query holds more than {_maxValues} values for {_name} (--max-groups {_maxValues}): an exact quantile keeps every value; " +
                "use APPROX_QUANTILE(x, q) (a small sketch per group), filter with WHERE, or raise --max-groups if the silos have the memory");
        }

        _values += count;
    }
}
