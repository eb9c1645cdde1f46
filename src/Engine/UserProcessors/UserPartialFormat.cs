namespace OrleansProc.Engine.UserProcessors;

/// <summary>The kinds of the user processors' partials in the Engine's partial header (after the built-in kinds 1 to 4).</summary>
internal static class UserPartialFormat
{
    /// <summary>An aggregate's partial: the processor's own bytes (WriteState), length-prefixed.</summary>
    public const byte AggregateKind = 0x55;

    /// <summary>A map's partial: the row count and the preview rows.</summary>
    public const byte MapKind = 0x56;
}
