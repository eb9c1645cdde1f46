using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Diagnostics;
using OrleansProc.Contracts.Telemetry;
using OrleansProc.TestSupport;

namespace OrleansProc.Grains.Tests.Telemetry;

/// <summary>Records the stopped spans of OrleansProc, of Orleans' grain calls and of the test itself.</summary>
public sealed class SpanRecorder : IDisposable
{
    public static readonly ActivitySource TestSource = new("OrleansProc.Tests");

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ChangeSignal _spanStopped = new();

    public SpanRecorder()
    {
        string[] sources = [TelemetryNames.ActivitySource, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, TestSource.Name];
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                _stopped.Enqueue(span);
                _spanStopped.Raise();
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Spans(string name, string jobId) =>
        _stopped.Where(a => a.OperationName == name && Equals(a.GetTagItem(TelemetryNames.JobIdTag), jobId)).ToList();

    /// <summary>The first stopped span of that name and job, waiting for it up to a deadline.</summary>
    public async Task<Activity> WaitForAsync(string name, string jobId)
    {
        await ChangeSignal.WaitUntilAsync([_spanStopped], () => Spans(name, jobId).Count > 0, TimeSpan.FromSeconds(30), $"span {name} of job {jobId}");
        return Spans(name, jobId)[0];
    }

    public void Dispose() => _listener.Dispose();
}
