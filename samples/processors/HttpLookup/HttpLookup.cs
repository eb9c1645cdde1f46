using System.Globalization;
using OrleansProc.Sdk;

namespace OrleansProc.Samples;

/// <summary>
/// I/O-heavy: for each record, <c>GET {url}/{user_id}</c> against an HTTP service (<c>--arg url=http://host:port/path</c>),
/// whose answer (trimmed text) is the user's segment; counts records per segment. Records without a user id are not
/// looked up. It chooses its own concurrency: up to <c>--arg concurrency=N</c> requests at once per partition
/// (default 16), so a partition waits on many lookups at a time instead of one.
/// </summary>
[Processor("http-lookup", Description = "a GET {url}/{user_id} per record, counted by the answer (--arg url=..., --arg concurrency=N, default 16)")]
public sealed class HttpLookup : AggregateProcessor<Dictionary<string, long>>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["user_id"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns => [new("segment", ResultType.Text), new("n", ResultType.Integer)];

    /// <inheritdoc/>
    public override Dictionary<string, long> CreatePartial(ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Url(context);
        return new Dictionary<string, long>(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public override void Process(IRecord record, Dictionary<string, long> state, ProcessorContext context) =>
        ProcessBatchAsync([record], state, context).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override async ValueTask ProcessBatchAsync(IReadOnlyList<IRecord> batch, Dictionary<string, long> state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        var url = Url(context);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = context.Arguments.Get("concurrency", 16),
            CancellationToken = context.CancellationToken,
        };
        await Parallel.ForEachAsync(batch, options, async (record, cancellationToken) =>
        {
            if (record.GetInt64(0) is not { } user)
            {
                return;
            }

            var answer = await _http.GetStringAsync(new Uri(url + "/" + user.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
            var segment = answer.Trim();
            lock (state)
            {
                state[segment] = state.GetValueOrDefault(segment) + 1;
            }
        }).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override void Merge(Dictionary<string, long> target, Dictionary<string, long> source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var (segment, n) in source)
        {
            target[segment] = target.GetValueOrDefault(segment) + n;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Finish(Dictionary<string, long> merged, ProcessorContext context) =>
        merged.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new object?[] { p.Key, p.Value });

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _http.Dispose();

    private static string Url(ProcessorContext context) => context.Arguments.GetRequired<string>("url").TrimEnd('/');
}
