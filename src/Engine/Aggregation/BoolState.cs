using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>BOOL_AND (every value true) and BOOL_OR (some value true) of BOOLEAN values, NULLs ignored (NULL over no values).</summary>
internal sealed class BoolState : AggregateState
{
    private const byte NoValue = 0;
    private const byte False = 1;
    private const byte True = 2;

    private readonly bool _or;
    private byte[] _values = [];

    public BoolState(bool or)
    {
        _or = or;
    }

    public override void Update(int group, in SqlValue value)
    {
        if (!value.IsNull)
        {
            Fold(group, value.Bool ? True : False);
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var value = ((BoolState)other)._values[otherGroup];
        if (value != NoValue)
        {
            Fold(group, value);
        }
    }

    public override SqlValue Result(int group) => _values[group] switch
    {
        NoValue => SqlValue.Null,
        var v => SqlValue.FromBool(v == True),
    };

    public override void Write(BinaryWriter writer, int groups) => writer.Write(_values, 0, groups);

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        var bytes = reader.ReadBytes(groups);
        if (bytes.Length != groups)
        {
            throw new EndOfStreamException("partial ends inside a BOOL_AND/BOOL_OR state");
        }

        foreach (var b in bytes)
        {
            if (b > True)
            {
                throw new InvalidDataException("partial holds a bad BOOL_AND/BOOL_OR state");
            }
        }

        bytes.CopyTo(_values, 0);
    }

    protected override void Resize(int capacity) => Array.Resize(ref _values, capacity);

    private void Fold(int group, byte value)
    {
        ref var current = ref _values[group];
        if (current == NoValue)
        {
            current = value;
        }
        else if (_or ? value == True : value == False)
        {
            current = value;
        }
    }
}
