using System.Globalization;
using System.Text.RegularExpressions;
using OrleansProc.Sdk;

namespace OrleansProc.Samples;

/// <summary>
/// Reads access-log lines (a text dataset: one column, <c>line</c>) in the Common or Combined Log Format, extracts
/// the method, status and response bytes with a regex, and counts requests and bytes per method and status. Lines
/// that are not requests are counted in one row whose method and status are NULL.
/// </summary>
[Processor("access-log-stats", Description = "requests and bytes per method and status of access-log lines (Common/Combined Log Format)")]
public sealed partial class AccessLogStats : AggregateProcessor<AccessLogCounts>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["line"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns =>
        [new("method", ResultType.Text), new("status", ResultType.Integer), new("requests", ResultType.Integer), new("bytes", ResultType.Integer)];

    /// <inheritdoc/>
    public override void Process(IRecord record, AccessLogCounts state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(state);
        var match = record.GetString(0) is { } line ? RequestLine().Match(line) : Match.Empty;
        if (!match.Success)
        {
            state.Unparsed++;
            return;
        }

        var key = match.Groups["method"].Value + " " + match.Groups["status"].Value;
        state.Requests[key] = state.Requests.GetValueOrDefault(key) + 1;
        var bytes = match.Groups["bytes"].Value;
        if (bytes != "-")
        {
            state.Bytes[key] = state.Bytes.GetValueOrDefault(key) + long.Parse(bytes, CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc/>
    public override void Merge(AccessLogCounts target, AccessLogCounts source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var (key, n) in source.Requests)
        {
            target.Requests[key] = target.Requests.GetValueOrDefault(key) + n;
        }

        foreach (var (key, n) in source.Bytes)
        {
            target.Bytes[key] = target.Bytes.GetValueOrDefault(key) + n;
        }

        target.Unparsed += source.Unparsed;
    }

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Finish(AccessLogCounts merged, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(merged);
        foreach (var (key, n) in merged.Requests.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            yield return [key[..space], long.Parse(key[(space + 1)..], CultureInfo.InvariantCulture), n, merged.Bytes.GetValueOrDefault(key)];
        }

        if (merged.Unparsed > 0)
        {
            yield return [null, null, merged.Unparsed, null];
        }
    }

    [GeneratedRegex("""^\S+ \S+ \S+ \[[^\]]+\] "(?<method>[A-Z]+) [^"]*" (?<status>\d{3}) (?<bytes>\d+|-)""", RegexOptions.CultureInvariant)]
    private static partial Regex RequestLine();
}
