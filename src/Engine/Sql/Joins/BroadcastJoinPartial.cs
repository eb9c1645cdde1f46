using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>
/// A partial of a <see cref="BroadcastJoinProcessor"/>: joins each scanned row with the broadcast tables, step by
/// step, and hands every joined row to the partial of the query over the joined rows (<see cref="Inner"/>), which is
/// what merges and travels.
/// </summary>
internal sealed class BroadcastJoinPartial : IPartial
{
    private readonly BroadcastJoinProcessor _processor;
    private readonly SqlValue[] _combined;
    private readonly SqlValue[][] _keys;

    public BroadcastJoinPartial(BroadcastJoinProcessor processor, IPartial inner)
    {
        _processor = processor;
        Inner = inner;
        _combined = new SqlValue[processor.CombinedWidth];
        _keys = new SqlValue[processor.Steps.Length][];
        for (var s = 0; s < _keys.Length; s++)
        {
            _keys[s] = new SqlValue[processor.Steps[s].Probe.Length];
        }
    }

    /// <summary>The processor that made the partial.</summary>
    public BroadcastJoinProcessor Processor => _processor;

    /// <summary>The partial of the query over the joined rows.</summary>
    public IPartial Inner { get; }

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        row.CopyTo(_combined.AsSpan(_processor.ScannedOffset));
        Join(0);
    }

    public void Merge(IPartial other) => Inner.Merge(_processor.Own(other).Inner);

    public void WriteTo(Stream destination) => Inner.WriteTo(destination);

    public void Complete() => Inner.Complete();

    private void Join(int s)
    {
        if (s == _keys.Length)
        {
            Inner.Accept(_combined);
            return;
        }

        var step = _processor.Steps[s];
        var key = _keys[s];
        var hasNull = false;
        for (var k = 0; k < key.Length; k++)
        {
            key[k] = step.Probe[k].Evaluate(_combined);
            if (key[k].IsNull)
            {
                hasNull = true;
                break;
            }
        }

        var offset = _processor.Offsets[s];
        if (!hasNull && _processor.Tables[s].Find(key) is { } rows)
        {
            foreach (var match in rows)
            {
                match.CopyTo(_combined.AsSpan(offset));
                Join(s + 1);
            }

            return;
        }

        if (step.Kind == JoinKind.Left)
        {
            _combined.AsSpan(offset, _processor.Widths[s]).Clear();
            Join(s + 1);
        }
    }
}
