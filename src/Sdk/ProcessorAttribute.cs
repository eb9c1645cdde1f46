namespace OrleansProc.Sdk;

/// <summary>
/// Optional: names a processor class and describes it (<c>processor show</c>). Without it, the processor is named
/// after its class. An assembly may hold several processors; <c>run PACKAGE:NAME</c> picks one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProcessorAttribute(string name) : Attribute
{
    /// <summary>The processor's name.</summary>
    public string Name { get; } = name;

    /// <summary>A one-line description.</summary>
    public string? Description { get; init; }
}
