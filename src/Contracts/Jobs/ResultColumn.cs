namespace OrleansProc.Contracts.Jobs;

/// <summary>A result column: its name (the alias, or the expression's text) and SQL type (BIGINT, DOUBLE, VARCHAR, BOOLEAN, TIMESTAMP, DATE).</summary>
[GenerateSerializer]
[Alias("OrleansProc.ResultColumn")]
public sealed record ResultColumn([property: Id(0)] string Name, [property: Id(1)] string Type);
