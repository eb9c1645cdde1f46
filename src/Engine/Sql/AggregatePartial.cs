using System.Text;
using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>The partial of an aggregate query: a group table and one column of states per aggregate.</summary>
internal sealed class AggregatePartial : IPartial, IOwnedPartial
{
    private readonly AggregateQueryProcessor _processor;
    private readonly BoundQuery _query;
    private readonly Evaluator[] _keyEvaluators;
    private readonly Evaluator?[] _arguments;
    private readonly SqlValue[] _key;
    private int _capacity;

    public AggregatePartial(AggregateQueryProcessor processor)
    {
        _processor = processor;
        _query = processor.Query;
        _keyEvaluators = _query.GroupKeys;
        _key = new SqlValue[_keyEvaluators.Length];
        Groups = new GroupTable(_keyEvaluators.Length);
        States = new AggregateState[_query.Aggregates.Length];
        _arguments = new Evaluator?[States.Length];
        for (var i = 0; i < States.Length; i++)
        {
            var spec = _query.Aggregates[i];
            States[i] = AggregateState.Create(spec.Kind, spec.ArgumentType);
            _arguments[i] = spec.Argument;
        }

        EnsureCapacity(Groups.Count);
    }

    public SqlQueryProcessor Processor => _processor;

    public GroupTable Groups { get; }

    public AggregateState[] States { get; }

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        if (_query.Where is { } where && !Evaluator.IsTrue(where.Evaluate(row)))
        {
            return;
        }

        for (var i = 0; i < _keyEvaluators.Length; i++)
        {
            _key[i] = _keyEvaluators[i].Evaluate(row);
        }

        var group = Groups.FindOrAdd(_key);
        if (group >= _capacity)
        {
            EnsureCapacity(group + 1);
        }

        for (var i = 0; i < States.Length; i++)
        {
            var argument = _arguments[i];
            States[i].Update(group, argument is null ? default : argument.Evaluate(row));
        }
    }

    public void Merge(IPartial other)
    {
        if (other is not AggregatePartial o || !ReferenceEquals(o._processor, _processor))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(other));
        }

        if (ReferenceEquals(o, this))
        {
            throw new ArgumentException("a partial cannot be merged into itself", nameof(other));
        }

        for (var g = 0; g < o.Groups.Count; g++)
        {
            var group = Groups.FindOrAdd(o.Groups.KeyOf(g));
            if (group >= _capacity)
            {
                EnsureCapacity(group + 1);
            }

            for (var i = 0; i < States.Length; i++)
            {
                States[i].Merge(group, o.States[i], g);
            }
        }
    }

    public void WriteTo(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, PartialFormat.AggregateKind);
        writer.Write7BitEncodedInt(Groups.Width);
        writer.Write7BitEncodedInt(States.Length);
        writer.Write7BitEncodedInt(Groups.Count);
        if (Groups.Width > 0)
        {
            for (var g = 0; g < Groups.Count; g++)
            {
                foreach (var value in Groups.KeyOf(g))
                {
                    SqlValueCodec.Write(writer, value);
                }
            }
        }

        foreach (var state in States)
        {
            state.Write(writer, Groups.Count);
        }
    }

    public void Complete()
    {
    }

    internal void Read(Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, PartialFormat.AggregateKind);
        PartialFormat.ExpectCount(reader.Read7BitEncodedInt(), Groups.Width, "group key columns");
        PartialFormat.ExpectCount(reader.Read7BitEncodedInt(), States.Length, "aggregates");
        var count = reader.Read7BitEncodedInt();
        if (count > _processor.MaxGroups)
        {
            throw _processor.TooManyGroups();
        }

        if (Groups.Width > 0)
        {
            var key = new SqlValue[Groups.Width];
            for (var g = 0; g < count; g++)
            {
                for (var i = 0; i < key.Length; i++)
                {
                    key[i] = SqlValueCodec.Read(reader);
                }

                if (Groups.FindOrAdd(key) != g)
                {
                    throw new InvalidDataException("partial holds the same group twice");
                }
            }
        }
        else
        {
            PartialFormat.ExpectCount(count, 1, "groups");
        }

        EnsureCapacity(count);
        foreach (var state in States)
        {
            state.Read(reader, count);
        }
    }

    /// <summary>Grows the states to hold <paramref name="groups"/> groups; fails past the processor's group limit.</summary>
    private void EnsureCapacity(int groups)
    {
        if (groups > _processor.MaxGroups)
        {
            throw _processor.TooManyGroups();
        }

        var capacity = Math.Min(Math.Max(groups, Math.Max(16, _capacity * 2)), _processor.MaxGroups);
        foreach (var state in States)
        {
            state.EnsureCapacity(capacity);
        }

        _capacity = capacity;
    }
}
