namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>One request an <see cref="OtlpReceiver"/> received.</summary>
public sealed record OtlpPost(string Method, string Path, string? ContentType, byte[] Body)
{
    public const string MetricsPath = "/v1/metrics";

    public const string TracesPath = "/v1/traces";

    public bool Contains(string text) => Body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
