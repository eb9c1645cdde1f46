namespace OrleansProc.Samples;

/// <summary>The partial of <see cref="AccessLogStats"/>: requests and bytes by "METHOD STATUS", and the lines that are not requests.</summary>
public sealed class AccessLogCounts
{
    /// <summary>Requests by "METHOD STATUS".</summary>
    public Dictionary<string, long> Requests { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Response bytes by "METHOD STATUS" (a <c>-</c> counts nothing).</summary>
    public Dictionary<string, long> Bytes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Lines that are not request lines.</summary>
    public long Unparsed { get; set; }
}
