using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// ARG_MIN(arg, val) and ARG_MAX(arg, val) (MIN_BY, MAX_BY): the arg of the row with the least (greatest) val. As in
/// DuckDB, rows where arg or val is NULL are ignored (NULL over no rows). Ties on val go to the least arg, so the
/// answer does not depend on the order of the rows or on how they were partitioned.
/// </summary>
internal sealed class ArgExtremeState : PairAggregateState
{
    private readonly bool _max;
    private SqlValue[] _args = [];
    private SqlValue[] _values = [];

    public ArgExtremeState(bool max)
    {
        _max = max;
    }

    public override void Update(int group, in SqlValue first, in SqlValue second)
    {
        if (first.IsNull || second.IsNull)
        {
            return;
        }

        ref var current = ref _values[group];
        if (current.IsNull)
        {
            current = second;
            _args[group] = first;
            return;
        }

        var c = SqlValueComparer.Compare(second, current);
        if ((_max ? c > 0 : c < 0) || (c == 0 && SqlValueComparer.Compare(first, _args[group]) < 0))
        {
            current = second;
            _args[group] = first;
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var o = (ArgExtremeState)other;
        Update(group, o._args[otherGroup], o._values[otherGroup]);
    }

    public override SqlValue Result(int group) => _args[group];

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            SqlValueCodec.Write(writer, _args[g]);
            SqlValueCodec.Write(writer, _values[g]);
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            _args[g] = SqlValueCodec.Read(reader);
            _values[g] = SqlValueCodec.Read(reader);
        }
    }

    protected override void Resize(int capacity)
    {
        Array.Resize(ref _args, capacity);
        Array.Resize(ref _values, capacity);
    }
}
