namespace OrleansProc.Sdk;

/// <summary>What a processor is told about the work it is doing: its arguments, where it runs, and when to stop.</summary>
/// <param name="Arguments">The job's <c>--arg key=value</c> arguments.</param>
/// <param name="Partition">The partition's index in the job (−1 in the final merge).</param>
/// <param name="CancellationToken">Signalled when the job is cancelled or the attempt is abandoned: stop soon.</param>
public sealed record ProcessorContext(ProcessorArguments Arguments, int Partition, CancellationToken CancellationToken);
