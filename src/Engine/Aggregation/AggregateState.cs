using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// The states of one aggregate for every group of a partial, kept column-wise (one array per field, indexed
/// by group number) so updating a group costs no allocation.
/// </summary>
public abstract class AggregateState
{
    /// <summary>How many groups the arrays hold room for.</summary>
    public int Capacity { get; private set; }

    /// <summary>
    /// A new, empty state for an aggregate of <paramref name="kind"/> over values of <paramref name="argumentType"/>.
    /// A COUNT(DISTINCT) state holds at most <paramref name="maxDistinctValues"/> values over all its groups.
    /// </summary>
    public static AggregateState Create(AggregateKind kind, SqlType argumentType, int maxDistinctValues) => kind switch
    {
        AggregateKind.CountStar => new CountState(star: true),
        AggregateKind.Count => new CountState(star: false),
        AggregateKind.CountDistinct => new CountDistinctState(maxDistinctValues),
        AggregateKind.SumBigInt => new IntegerSumState(average: false),
        AggregateKind.AvgBigInt => new IntegerSumState(average: true),
        AggregateKind.SumDouble => new DoubleSumState(average: false),
        AggregateKind.AvgDouble => new DoubleSumState(average: true),
        AggregateKind.Min => new MinMaxState(max: false, argumentType),
        AggregateKind.Max => new MinMaxState(max: true, argumentType),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Makes room for at least <paramref name="groups"/> groups.</summary>
    public void EnsureCapacity(int groups)
    {
        if (groups <= Capacity)
        {
            return;
        }

        var capacity = Math.Max(groups, Math.Max(4, Capacity * 2));
        Resize(capacity);
        Capacity = capacity;
    }

    /// <summary>Folds one input value into a group.</summary>
    public abstract void Update(int group, in SqlValue value);

    /// <summary>Folds group <paramref name="otherGroup"/> of <paramref name="other"/> (the same aggregate) into <paramref name="group"/>.</summary>
    public abstract void Merge(int group, AggregateState other, int otherGroup);

    /// <summary>The aggregate's value for a group.</summary>
    public abstract SqlValue Result(int group);

    /// <summary>Writes the states of groups 0 to <paramref name="groups"/> - 1.</summary>
    public abstract void Write(BinaryWriter writer, int groups);

    /// <summary>Reads the states of groups 0 to <paramref name="groups"/> - 1 into an empty state.</summary>
    public void Read(BinaryReader reader, int groups)
    {
        EnsureCapacity(groups);
        ReadStates(reader, groups);
    }

    protected abstract void ReadStates(BinaryReader reader, int groups);

    protected abstract void Resize(int capacity);
}
