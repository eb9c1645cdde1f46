namespace OrleansProc.Grains.Tests.Storage;

/// <summary>One storage request as <see cref="StorageRequestLog"/> saw it: when (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), the HTTP method, and the path and query, unescaped.</summary>
public sealed record StorageRequest(long Timestamp, string Method, string PathAndQuery)
{
    public override string ToString() => $"{Method} {PathAndQuery}";
}
