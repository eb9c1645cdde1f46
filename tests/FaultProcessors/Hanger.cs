using OrleansProc.Sdk;

namespace OrleansProc.FaultProcessors;

/// <summary>Never returns from its first record.</summary>
[Processor("hang")]
public sealed class Hanger : FaultProcessor
{
    /// <inheritdoc/>
    public override void Process(IRecord record, FaultCount state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        Thread.Sleep(Timeout.Infinite);
        state.Count++;
    }
}
