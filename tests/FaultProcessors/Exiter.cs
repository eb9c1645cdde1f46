using OrleansProc.Sdk;

namespace OrleansProc.FaultProcessors;

/// <summary>Ends its process with exit code 3 on its first record.</summary>
[Processor("exit")]
public sealed class Exiter : FaultProcessor
{
    /// <inheritdoc/>
    public override void Process(IRecord record, FaultCount state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        Environment.Exit(3);
        state.Count++;
    }
}
