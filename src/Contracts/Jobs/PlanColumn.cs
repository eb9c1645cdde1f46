namespace OrleansProc.Contracts.Jobs;

/// <summary>One column of a <see cref="QueryPlan"/>'s input schema: its name and its SQL type name (BIGINT, DOUBLE, VARCHAR, BOOLEAN, TIMESTAMP, DATE).</summary>
[GenerateSerializer]
[Alias("OrleansProc.PlanColumn")]
public sealed record PlanColumn(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type);
