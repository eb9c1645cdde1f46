using System.Numerics;
using System.Runtime.CompilerServices;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// MIN and MAX of any type, NULLs ignored (NULL over no values). A DOUBLE argument is kept in a double per group, an
/// integer-valued one (BIGINT, TIMESTAMP, DATE, BOOLEAN) in a long per group, each with a flag saying whether the group
/// has a value, and turned into a <see cref="SqlValue"/> only for <see cref="Result"/>, <see cref="Write"/> and
/// <see cref="Merge"/>. Both hold an order key, the smaller the better: the value for MIN, its negation (a DOUBLE) or
/// its complement (a long: ~v = -v - 1, reversing the order without overflow) for MAX, so one comparison serves both. Other types, and a typed state given a value of another type, keep <see cref="SqlValue"/>s.
/// Equal values keep the first; DOUBLEs are ordered as <see cref="SqlValueComparer.CompareDouble"/> orders them (NaN
/// the largest, -0.0 equal to 0.0).
/// </summary>
internal sealed class MinMaxState : AggregateState
{
    private readonly bool _max;
    private readonly bool _doubles;
    private readonly bool _int64s;

    /// <summary>+1 for MIN, -1 for MAX: a DOUBLE times it is its order key (exactly: a sign change).</summary>
    private readonly double _doubleSign;

    /// <summary>0 for MIN, all ones for MAX: a long XOR it is its order key.</summary>
    private readonly long _int64Mask;

    /// <summary>Per group of a DOUBLE state: the order key of its extreme, or +inf without a value.</summary>
    private double[] _doubleKeys = [];

    /// <summary>Per group of an integer-valued state: the order key of its extreme, or long.MaxValue without a value.</summary>
    private long[] _int64Keys = [];

    /// <summary>Per group of a typed state: whether it has a value.</summary>
    private bool[] _has = [];

    /// <summary>The values of an untyped state (null while the state is typed).</summary>
    private SqlValue[]? _values;

    /// <summary>A MIN of DOUBLE holds NaN in some group (all of its values so far NaN), which a plain &lt; cannot replace.</summary>
    private bool _minHoldsNaN;

    public MinMaxState(bool max, SqlType argumentType)
    {
        _max = max;
        (_doubleSign, _int64Mask) = max ? (-1.0, -1L) : (1.0, 0L);
        ArgumentType = argumentType;
        _doubles = argumentType == SqlType.Double;
        _int64s = argumentType is SqlType.BigInt or SqlType.Timestamp or SqlType.Date or SqlType.Boolean;
        if (!_doubles && !_int64s)
        {
            _values = [];
        }
    }

    public SqlType ArgumentType { get; }

    public override void Update(int group, in SqlValue value)
    {
        if (value.IsNull)
        {
            return;
        }

        if (_values is null)
        {
            if (_doubles && value.Type == SqlType.Double)
            {
                UpdateDouble(group, value.Float64);
                return;
            }

            if (_int64s && value.Type == ArgumentType)
            {
                UpdateInt64(group, value.Int64);
                return;
            }

            MakeUntyped();
        }

        ref var current = ref _values![group];
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
    /// the NULLs <paramref name="nulls"/> flags (none when <paramref name="anyNull"/> is false).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void UpdateAll(ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, long[] values, bool[] nulls, bool anyNull)
    {
        if (_values is not null || !_int64s)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                if (!nulls[r])
                {
                    Update(groups[i], AsValue(values[r]));
                }
            }

            return;
        }

        // long.MaxValue in a group without a value lets one comparison decide; an equal key (long.MaxValue itself) keeps it.
        var (keys, has, mask) = (_int64Keys, _has, _int64Mask);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (anyNull && nulls[r])
            {
                continue;
            }

            var g = groups[i];
            var key = values[r] ^ mask;
            ref var best = ref keys[g];
            if (key < best)
            {
                best = key;
            }

            has[g] = true;
        }
    }

    /// <summary>
    /// Folds the values of rows <paramref name="rows"/>[i] of a DOUBLE batch vector, each into group
    /// <paramref name="groups"/>[i], in the order of <see cref="SqlValueComparer.CompareDouble"/>, skipping the NULLs
    /// <paramref name="nulls"/> flags (none when <paramref name="anyNull"/> is false).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void UpdateAll(ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, double[] values, bool[] nulls, bool anyNull)
    {
        if (_values is not null || !_doubles)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                if (!nulls[r])
                {
                    Update(groups[i], SqlValue.FromDouble(values[r]));
                }
            }

            return;
        }

        if (_minHoldsNaN || ContainsNaN(values))
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                if (!nulls[r])
                {
                    UpdateDouble(groups[i], values[r]);
                }
            }

            return;
        }

        // No NaN in the values nor held (a MAX may hold one: no key is below its key, as nothing exceeds NaN in
        // CompareDouble's order): < decides as CompareDouble does (equal keys, -0.0 and 0.0 too, keep the current one),
        // and +inf in a group without a value lets one comparison decide.
        var (keys, has, sign) = (_doubleKeys, _has, _doubleSign);
        if (!anyNull)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var g = groups[i];
                var key = values[rows[i]] * sign;
                ref var best = ref keys[g];
                if (key < best)
                {
                    best = key;
                }

                has[g] = true;
            }

            return;
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (nulls[r])
            {
                continue;
            }

            var g = groups[i];
            var key = values[r] * sign;
            ref var best = ref keys[g];
            if (key < best)
            {
                best = key;
            }

            has[g] = true;
        }
    }

    /// <summary>
    /// Folds the values of rows <paramref name="rows"/>[i] of a DOUBLE batch vector into a MIN and a MAX of it in one
    /// pass (one NaN check), each as its <see cref="UpdateAll(ReadOnlySpan{int}, ReadOnlySpan{int}, double[], bool[], bool)"/>
    /// would; when either could not take its one-comparison loop, two passes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void UpdatePair(MinMaxState min, MinMaxState max, ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, double[] values, bool[] nulls, bool anyNull)
    {
        if (min._values is not null || max._values is not null || !min._doubles || !max._doubles || min._max || !max._max
            || min._minHoldsNaN || ContainsNaN(values))
        {
            min.UpdateAll(groups, rows, values, nulls, anyNull);
            max.UpdateAll(groups, rows, values, nulls, anyNull);
            return;
        }

        var (lows, lowHas, lowSign) = (min._doubleKeys, min._has, min._doubleSign);
        var (highs, highHas, highSign) = (max._doubleKeys, max._has, max._doubleSign);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (anyNull && nulls[r])
            {
                continue;
            }

            var g = groups[i];
            var v = values[r];
            ref var low = ref lows[g];
            var lowKey = v * lowSign;
            if (lowKey < low)
            {
                low = lowKey;
            }

            ref var high = ref highs[g];
            var highKey = v * highSign;
            if (highKey < high)
            {
                high = highKey;
            }

            lowHas[g] = true;
            highHas[g] = true;
        }
    }

    /// <summary>As <see cref="UpdatePair(MinMaxState, MinMaxState, ReadOnlySpan{int}, ReadOnlySpan{int}, double[], bool[], bool)"/>, over a vector of an integer-valued type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void UpdatePair(MinMaxState min, MinMaxState max, ReadOnlySpan<int> groups, ReadOnlySpan<int> rows, long[] values, bool[] nulls, bool anyNull)
    {
        if (min._values is not null || max._values is not null || !min._int64s || !max._int64s || min._max || !max._max)
        {
            min.UpdateAll(groups, rows, values, nulls, anyNull);
            max.UpdateAll(groups, rows, values, nulls, anyNull);
            return;
        }

        var (lows, lowHas, lowMask) = (min._int64Keys, min._has, min._int64Mask);
        var (highs, highHas, highMask) = (max._int64Keys, max._has, max._int64Mask);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (anyNull && nulls[r])
            {
                continue;
            }

            var g = groups[i];
            var v = values[r];
            ref var low = ref lows[g];
            var lowKey = v ^ lowMask;
            if (lowKey < low)
            {
                low = lowKey;
            }

            ref var high = ref highs[g];
            var highKey = v ^ highMask;
            if (highKey < high)
            {
                high = highKey;
            }

            lowHas[g] = true;
            highHas[g] = true;
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup) =>
        Update(group, ((MinMaxState)other).Result(otherGroup));

    public override SqlValue Result(int group)
    {
        if (_values is not null)
        {
            return _values[group];
        }

        if (!_has[group])
        {
            return SqlValue.Null;
        }

        return _doubles ? SqlValue.FromDouble(_doubleKeys[group] * _doubleSign) : AsValue(_int64Keys[group] ^ _int64Mask);
    }

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            SqlValueCodec.Write(writer, Result(g));
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            Update(g, SqlValueCodec.Read(reader));
        }
    }

    protected override void Resize(int capacity)
    {
        var old = Capacity;
        if (_values is not null)
        {
            Array.Resize(ref _values, capacity);
            return;
        }

        Array.Resize(ref _has, capacity);
        if (_doubles)
        {
            Array.Resize(ref _doubleKeys, capacity);
            _doubleKeys.AsSpan(old).Fill(double.PositiveInfinity);
        }
        else
        {
            Array.Resize(ref _int64Keys, capacity);
            _int64Keys.AsSpan(old).Fill(long.MaxValue);
        }
    }

    /// <summary>Whether any of <paramref name="values"/> is NaN (the whole vector: a stale value past the batch can only make the check slower, not wrong).</summary>
    private static bool ContainsNaN(ReadOnlySpan<double> values)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values[i..]);
                if (!Vector.EqualsAll(v, v))
                {
                    return true;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    private void UpdateDouble(int group, double value)
    {
        ref var key = ref _doubleKeys[group];
        if (_has[group])
        {
            // Without a NaN, < and > decide as CompareDouble does (equal values keep the current one); with one, it decides.
            var best = key * _doubleSign;
            var better = _max ? value > best : value < best;
            if (!better && (double.IsNaN(value) || double.IsNaN(best)))
            {
                var c = SqlValueComparer.CompareDouble(value, best);
                better = _max ? c > 0 : c < 0;
            }

            if (!better)
            {
                return;
            }
        }

        _has[group] = true;
        key = value * _doubleSign;
        _minHoldsNaN |= !_max && double.IsNaN(value);
    }

    private void UpdateInt64(int group, long value)
    {
        ref var best = ref _int64Keys[group];
        var key = value ^ _int64Mask;
        if (!_has[group] || key < best)
        {
            best = key;
            _has[group] = true;
        }
    }

    private SqlValue AsValue(long value) => ArgumentType switch
    {
        SqlType.Timestamp => SqlValue.FromTimestamp(value),
        SqlType.Date => SqlValue.FromDate(value),
        SqlType.Boolean => SqlValue.FromBool(value != 0),
        _ => SqlValue.FromInt64(value),
    };

    /// <summary>Moves a typed state's values into <see cref="SqlValue"/>s, for a value of another type than the argument's.</summary>
    private void MakeUntyped()
    {
        var values = new SqlValue[Capacity];
        for (var g = 0; g < values.Length; g++)
        {
            values[g] = Result(g);
        }

        _values = values;
        (_doubleKeys, _int64Keys, _has) = ([], [], []);
    }
}
