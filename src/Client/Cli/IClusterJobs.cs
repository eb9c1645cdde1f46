using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Cli;

/// <summary>
/// Runs a job command on the cluster. The managed client's <see cref="ClientApplication"/> puts one in the console
/// (<see cref="ConsoleContext.Cluster"/>); the Native AOT front door (src/LocalClient) has none, so the Orleans client
/// is never compiled into it, and hands those commands to the managed client (<see cref="ConsoleContext.HandOff"/>).
/// </summary>
internal interface IClusterJobs
{
    /// <summary>Submits <paramref name="spec"/>, then follows it to its end (or detaches) and prints its result in <paramref name="format"/>.</summary>
    Task<int> RunAsync(ConsoleContext console, JobSpec spec, OutputFormat format, bool detach, CancellationToken cancellationToken);
}
