using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using OrleansProc.TestSupport;

namespace OrleansProc.Grains.Tests.Storage;

/// <summary>
/// Every storage request a silo's blob clients make (one per call: the SDK's retries are not counted), with the time
/// it was sent, so that a test can count the requests of one job; and the time each was answered, so that a test can
/// tell requests sent together from requests sent one after the other.
/// </summary>
public sealed class StorageRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<StorageRequest> _requests = new();
    private readonly ConcurrentQueue<StorageRequest> _answers = new();

    /// <summary>The requests so far, in the order they were sent.</summary>
    public IReadOnlyList<StorageRequest> Requests => [.. _requests];

    /// <summary>The requests answered so far, in the order their answers came, each with the time of its answer.</summary>
    public IReadOnlyList<StorageRequest> Answers => [.. _answers];

    /// <summary>Raised at each request sent: take its <see cref="ChangeSignal.Next"/> before reading <see cref="Requests"/>.</summary>
    public ChangeSignal RequestSent { get; } = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _requests.Enqueue(Now(message));
        RequestSent.Raise();
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _answers.Enqueue(Now(message));
    }

    private static StorageRequest Now(HttpMessage message) =>
        new(Stopwatch.GetTimestamp(), message.Request.Method.Method, Uri.UnescapeDataString(message.Request.Uri.PathAndQuery));
}
