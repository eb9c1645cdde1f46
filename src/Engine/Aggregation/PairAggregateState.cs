using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>The states of an aggregate of two arguments per row (ARG_MIN, ARG_MAX): rows are folded in with both values.</summary>
public abstract class PairAggregateState : AggregateState
{
    /// <summary>Folds one row's two argument values into a group.</summary>
    public abstract void Update(int group, in SqlValue first, in SqlValue second);

    /// <summary>Not used: an aggregate of two arguments takes both values of a row.</summary>
    public override void Update(int group, in SqlValue value) =>
        throw new InvalidOperationException("an aggregate of two arguments is updated with both values");
}
