using OrleansProc.Engine.Aggregation;

namespace OrleansProc.Engine.Sql;

/// <summary>Makes the state of an <see cref="AggregateSpec"/>: the kinds <see cref="AggregateState.Create"/> knows, the others, and DISTINCT forms.</summary>
internal static class AggregateStates
{
    /// <summary>An empty state for <paramref name="spec"/>; values held (distinct sets, exact quantiles, sketches) are bounded by <paramref name="maxValues"/>.</summary>
    public static AggregateState Create(AggregateSpec spec, int maxValues)
    {
        if (spec.Distinct)
        {
            var inner = spec with { Distinct = false };
            return new DistinctState(() => Create(inner, int.MaxValue), spec.Name, maxValues);
        }

        return spec.Kind switch
        {
            AggregateKind.VarianceSample or AggregateKind.VariancePopulation or AggregateKind.StdDevSample or AggregateKind.StdDevPopulation =>
                new VarianceState(spec.Kind),
            AggregateKind.BoolAnd => new BoolState(or: false),
            AggregateKind.BoolOr => new BoolState(or: true),
            AggregateKind.ArgMin => new ArgExtremeState(max: false),
            AggregateKind.ArgMax => new ArgExtremeState(max: true),
            AggregateKind.QuantileContinuous => new QuantileState(continuous: true, spec.Fraction, spec.ResultType, spec.Name, maxValues),
            AggregateKind.QuantileDiscrete => new QuantileState(continuous: false, spec.Fraction, spec.ResultType, spec.Name, maxValues),
            AggregateKind.ApproxQuantile => new ApproxQuantileState(spec.Fraction, spec.ArgumentType),
            AggregateKind.ApproxCountDistinct => new HyperLogLogState(maxValues),
            _ => AggregateState.Create(spec.Kind, spec.ArgumentType, maxValues),
        };
    }
}
