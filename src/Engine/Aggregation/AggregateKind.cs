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
}
