namespace OrleansProc.Engine.ProcessorStore;

/// <summary>One processor found in a package when it was uploaded (<c>processor show</c>).</summary>
public sealed record PackageProcessor
{
    /// <summary>The processor's name: its <c>[Processor]</c> name or its class name.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>[Processor]</c> description, if any.</summary>
    public string? Description { get; init; }

    /// <summary><c>aggregate</c> or <c>map</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The input columns it reads.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>The columns of its result (an aggregate) or output rows (a map), as "name TYPE".</summary>
    public required IReadOnlyList<string> ResultColumns { get; init; }
}
