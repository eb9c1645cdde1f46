using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansProc.Contracts.Cluster;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Placement;

namespace OrleansProc.Grains.Partitions;

/// <summary>
/// Owns one partition of one job. Start returns at once; the attempt runs on the silo's worker pool and reports back
/// to the job grain. Placed round-robin over the silos so every silo takes work. A finished attempt keeps its report
/// (its activation stays until idle collection): asked whether it runs, it says yes and sends the report again, so a
/// busy coordinator that asks before it has read the report (or lost it) never takes a finished attempt for a lost one.
/// </summary>
[RoundRobinPlacement]
public sealed class PartitionGrain(PartitionRunner runner, SiloLoadCounters counters, ILocalSiloDetails silo, IOptions<WorkerOptions> options) : Grain, IPartitionGrain, IDisposable
{
    private CancellationTokenSource? _stop;
    private int _attempt = -1;
    private int _epoch = -1;
    private bool _known;
    private PartitionReport? _report;

    public Task StartAsync(PartitionAssignment assignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (options.Value.FaultStart is { } fault && assignment.JobId.Contains(fault, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("injected fault (ORLEANSPROC_FAULT_START): this silo refuses the start");
        }

        // The same attempt again, or a stale coordinator's start of an attempt number a newer epoch took: nothing to do.
        if (_known && assignment.Attempt == _attempt && assignment.Epoch <= _epoch)
        {
            return Task.CompletedTask;
        }

        _stop?.Cancel();
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        _attempt = assignment.Attempt;
        _epoch = assignment.Epoch;
        _known = true;
        _report = null;
        this.DelayDeactivation(TimeSpan.FromHours(6));
        _ = RunAsync(assignment, _stop.Token);
        return Task.CompletedTask;
    }

    public async Task<bool> IsRunningAsync(int attempt, CancellationToken cancellationToken = default)
    {
        if (!_known || attempt != _attempt)
        {
            return false;
        }

        if (_report is { } report)
        {
            await GrainFactory.GetGrain<IJobGrain>(report.JobId).ReportPartitionAsync(report);
        }

        return true;
    }

    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stop?.Cancel();
        _known = false;
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public void Dispose() => _stop?.Dispose();

    private async Task RunAsync(PartitionAssignment assignment, CancellationToken stop)
    {
        var address = silo.SiloAddress.ToString();
        PublishLoad(address);
        PartitionReport report;
        try
        {
            report = await runner.RunAsync(assignment, address, stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            PublishLoad(address);
        }

        if (stop.IsCancellationRequested || assignment.Attempt != _attempt)
        {
            return;
        }

        _report = report;
        await GrainFactory.GetGrain<IJobGrain>(assignment.JobId).ReportPartitionAsync(report);
        this.DelayDeactivation(TimeSpan.FromMinutes(-1)); // no longer kept for the run: collected once idle
    }

    private void PublishLoad(string address) =>
        GrainFactory.GetGrain<ISiloLoadGrain>(address).UpdateAsync(counters.Snapshot(runner.Slots)).Ignore();
}
