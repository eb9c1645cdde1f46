using System.Runtime.CompilerServices;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>MIN and MAX of any type, NULLs ignored (NULL over no values).</summary>
internal sealed class MinMaxState : AggregateState
{
    private readonly bool _max;
    private SqlValue[] _values = [];

    public MinMaxState(bool max, SqlType argumentType)
    {
        _max = max;
        ArgumentType = argumentType;
    }

    public SqlType ArgumentType { get; }

    public override void Update(int group, in SqlValue value)
    {
        if (value.IsNull)
        {
            return;
        }

        ref var current = ref _values[group];
        if (current.IsNull)
        {
            current = value;
            return;
        }

        var c = SqlValueComparer.Compare(value, current);
        if (_max ? c > 0 : c < 0)
        {
            current = value;
        }
    }

    /// <summary>
    /// Folds the values of rows <paramref name="rows"/>[i] of a batch vector of an integer-valued type (BIGINT,
    /// TIMESTAMP, DATE, BOOLEAN: <see cref="ArgumentType"/>), each into group <paramref name="groups"/>[i], skipping
    /// the NULLs <paramref name="nulls"/> flags.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void UpdateAll(ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, long[] values, bool[] nulls)
    {
        var current = _values;
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (nulls[r])
            {
                continue;
            }

            var value = values[r];
            ref var best = ref current[groups[i]];
            if (best.IsNull || (_max ? value > best.Int64 : value < best.Int64))
            {
                best = ArgumentType switch
                {
                    SqlType.Timestamp => SqlValue.FromTimestamp(value),
                    SqlType.Date => SqlValue.FromDate(value),
                    SqlType.Boolean => SqlValue.FromBool(value != 0),
                    _ => SqlValue.FromInt64(value),
                };
            }
        }
    }

    /// <summary>
    /// Folds the values of rows <paramref name="rows"/>[i] of a DOUBLE batch vector, each into group
    /// <paramref name="groups"/>[i], in the order of <see cref="SqlValueComparer.CompareDouble"/>, skipping the NULLs
    /// <paramref name="nulls"/> flags.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void UpdateAll(ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, double[] values, bool[] nulls)
    {
        var (current, max) = (_values, _max);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (nulls[r])
            {
                continue;
            }

            var value = values[r];
            ref var best = ref current[groups[i]];
            if (best.IsNull)
            {
                best = SqlValue.FromDouble(value);
                continue;
            }

            // Without a NaN, < and > decide as CompareDouble does (equal values keep the current one); with one, it decides.
            var held = best.Float64;
            var better = max ? value > held : value < held;
            if (!better && (double.IsNaN(value) || double.IsNaN(held)))
            {
                var c = SqlValueComparer.CompareDouble(value, held);
                better = max ? c > 0 : c < 0;
            }

            if (better)
            {
                best = SqlValue.FromDouble(value);
            }
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup) =>
        Update(group, ((MinMaxState)other)._values[otherGroup]);

    public override SqlValue Result(int group) => _values[group];

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            SqlValueCodec.Write(writer, _values[g]);
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            _values[g] = SqlValueCodec.Read(reader);
        }
    }

    protected override void Resize(int capacity) => Array.Resize(ref _values, capacity);
}
