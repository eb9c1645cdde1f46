namespace OrleansProc.Engine.Sql.Functions;

/// <summary>An INTERVAL as DuckDB keeps it: months, days and microseconds, each added in that order.</summary>
internal readonly record struct IntervalValue(long Months, long Days, long Micros)
{
    /// <summary>The interval with every field negated, for <c>x - INTERVAL ...</c>.</summary>
    public IntervalValue Negate() => new(-Months, -Days, -Micros);
}
