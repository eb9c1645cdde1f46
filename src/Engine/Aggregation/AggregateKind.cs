namespace OrleansProc.Engine.Aggregation;

/// <summary>The aggregate functions, by the state they keep.</summary>
public enum AggregateKind : byte
{
    CountStar = 0,
    Count = 1,
    CountDistinct = 2,
    SumBigInt = 3,
    SumDouble = 4,
    AvgBigInt = 5,
    AvgDouble = 6,
    Min = 7,
    Max = 8,
    VarianceSample = 9,
    VariancePopulation = 10,
    StdDevSample = 11,
    StdDevPopulation = 12,
    BoolAnd = 13,
    BoolOr = 14,
    ArgMin = 15,
    ArgMax = 16,
    QuantileContinuous = 17,
    QuantileDiscrete = 18,
    ApproxQuantile = 19,
    ApproxCountDistinct = 20,
}
