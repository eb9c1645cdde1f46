using OrleansProc.Client.Cli;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Cluster;

/// <summary>Job commands on the cluster named by the environment: a <see cref="ClusterSession"/> and a <see cref="JobClient"/>.</summary>
internal sealed class ClusterJobs : IClusterJobs
{
    public Task<int> RunAsync(ConsoleContext console, JobSpec spec, OutputFormat format, bool detach, CancellationToken cancellationToken) =>
        ClusterSession.RunAsync(cluster => new JobClient(cluster, console).RunAsync(spec, format, detach, cancellationToken), cancellationToken);
}
