using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrleansProc.Grains.Tests.Storage;

/// <summary>
/// Every storage request a silo's blob clients make (one per call: the SDK's retries are not counted), with the time
/// it was sent, so that a test can count the requests of one job.
/// </summary>
public sealed class StorageRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<StorageRequest> _requests = new();

    /// <summary>The requests so far, in the order they were sent.</summary>
    public IReadOnlyList<StorageRequest> Requests => [.. _requests];

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _requests.Enqueue(new StorageRequest(Stopwatch.GetTimestamp(), message.Request.Method.Method, Uri.UnescapeDataString(message.Request.Uri.PathAndQuery)));
    }
}
