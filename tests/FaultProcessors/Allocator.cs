using OrleansProc.Sdk;

namespace OrleansProc.FaultProcessors;

/// <summary>Allocates 1 MiB arrays and keeps them, without bound, on its first record.</summary>
[Processor("allocate")]
public sealed class Allocator : FaultProcessor
{
    /// <inheritdoc/>
    public override void Process(IRecord record, FaultCount state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kept = new List<byte[]>();
        while (kept.Count >= 0)
        {
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)1);
            kept.Add(block);
        }

        state.Count += kept.Count;
    }
}
