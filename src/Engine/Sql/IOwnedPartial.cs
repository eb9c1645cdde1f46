namespace OrleansProc.Engine.Sql;

/// <summary>A partial that knows the processor that made it, so partials of different queries are never merged.</summary>
internal interface IOwnedPartial
{
    SqlQueryProcessor Processor { get; }
}
