using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Telemetry;

/// <summary>
/// The OTLP path as a user configures it (OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf for
/// the silos and the client): after one job, the receiver holds the OrleansProc meter's counters from the silos and
/// one trace that runs from the client's span through the coordinator to every partition attempt.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed partial class OtlpExportEndToEndTests(OtlpClusterFixture cluster, ITestOutputHelper output) : IClassFixture<OtlpClusterFixture>
{
    private const int Files = 2;
    private const int RowsPerFile = 4_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] JobSpans = ["orleansproc.job", "orleansproc.job.submit", "orleansproc.partition.dispatch", "orleansproc.partition.run", "orleansproc.job.merge"];

    [Fact]
    public async Task OtlpExport_AfterAJob_MetricsAndOneTraceFromClientToPartitionsArrive()
    {
        var folder = Path.Combine(cluster.WorkDirectory, "exported");
        Directory.CreateDirectory(folder);
        for (var file = 0; file < Files; file++)
        {
            var csv = new StringBuilder("id,word\n");
            for (var i = 0; i < RowsPerFile; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{file * RowsPerFile + i},w{i % 7}\n");
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"part-{file}.csv"), csv.ToString());
        }

        var datasetBytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
        var upload = await cluster.RunClientAsync("dataset", "upload", "exported", folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());

        var run = await cluster.RunClientAsync("query", "SELECT COUNT(*) AS n FROM exported", "--format", "csv", "--partition-size", "16k");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"n\n{Files * RowsPerFile}\n", run.Stdout);
        var progress = PartitionsDone().Match(run.Stderr);
        Assert.True(progress.Success, run.Stderr);
        var partitions = int.Parse(progress.Groups[1].Value, CultureInfo.InvariantCulture);

        var posts = await WaitForAsync(posts =>
            Latest(posts, "orleansproc.jobs.completed") >= 1 &&
            Latest(posts, "orleansproc.rows.read") >= Files * RowsPerFile &&
            Latest(posts, "orleansproc.partitions.running") == 0 && // a partition's slot is given back just after its report
            JobSpans.All(name => Spans(posts).Any(s => s.Name == name)));
        Report(posts);

        // what arrived, and how: OTLP/HTTP with protobuf bodies at the signal paths
        Assert.All(posts, post =>
        {
            Assert.Equal("POST", post.Method);
            Assert.Equal("application/x-protobuf", post.ContentType);
            Assert.Contains(post.Path, new[] { OtlpPost.MetricsPath, OtlpPost.TracesPath });
        });
        var metrics = posts.Where(p => p.Path == OtlpPost.MetricsPath).ToList();
        Assert.Contains(metrics, p => p.Contains("orleansproc.jobs.completed"));
        Assert.Contains(metrics, p => p.Contains("orleansproc.rows.read"));

        // the counters: one job, every row and byte read (more when an attempt ran again)
        var retried = Latest(posts, "orleansproc.partitions.retried");
        Assert.Equal(1, Latest(posts, "orleansproc.jobs.started"));
        Assert.Equal(1, Latest(posts, "orleansproc.jobs.completed"));
        Assert.Equal(0, Latest(posts, "orleansproc.jobs.failed"));
        Assert.Equal(0, Latest(posts, "orleansproc.partitions.running"));
        if (retried == 0)
        {
            Assert.Equal(Files * RowsPerFile, Latest(posts, "orleansproc.rows.read"));
            Assert.Equal(datasetBytes, Latest(posts, "orleansproc.bytes.read"));
            Assert.Equal(partitions, Latest(posts, "orleansproc.partitions.done"));
        }
        else
        {
            Assert.InRange(Latest(posts, "orleansproc.rows.read"), Files * RowsPerFile + 1, Files * RowsPerFile * 2);
            Assert.InRange(Latest(posts, "orleansproc.partitions.done"), partitions, partitions + retried);
        }

        // the trace: the client's job span is the root; the coordinator's and every partition's spans are in its trace
        var spans = Spans(posts).ToList();
        string Described() => string.Join('\n', spans.Select(s => $"{s.Service} {s.TraceId} {s.ParentSpanId}->{s.SpanId} {s.Name}"));
        var root = Assert.Single(spans, s => s.Name == "orleansproc.job");
        Assert.Equal("orleansproc-client", root.Service);
        Assert.Equal(string.Empty, root.ParentSpanId);
        var job = spans.Where(s => s.Name.StartsWith("orleansproc.", StringComparison.Ordinal)).ToList();
        Assert.True(job.All(s => s.TraceId == root.TraceId), Described());
        Assert.True(job.Where(s => s != root).All(s => s.Service == "orleansproc-silo"), Described());
        Assert.True(job.Count(s => s.Name == "orleansproc.partition.dispatch") >= partitions, Described());
        var runs = job.Where(s => s.Name == "orleansproc.partition.run").ToList();
        Assert.True(runs.Count >= partitions, Described());

        // each partition run hangs (through Orleans' grain-call spans) under a dispatch, and the job's submit under the client's span
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        bool Under(OtlpSpan span, Func<OtlpSpan, bool> ancestor)
        {
            for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            {
                if (ancestor(parent))
                {
                    return true;
                }
            }

            return false;
        }

        Assert.True(runs.All(r => Under(r, s => s.Name == "orleansproc.partition.dispatch")), Described());
        Assert.True(job.Where(s => s.Name == "orleansproc.job.submit").All(s => Under(s, a => a == root)), Described());
    }

    /// <summary>Writes what the receiver got: requests per path, the OrleansProc counters, the spans per service and name.</summary>
    private void Report(IReadOnlyList<OtlpPost> posts)
    {
        foreach (var path in posts.GroupBy(p => p.Path))
        {
            output.WriteLine($"{path.Key}: {path.Count()} requests, {path.Sum(p => p.Body.Length)} bytes");
        }

        foreach (var name in posts.Where(p => p.Path == OtlpPost.MetricsPath).SelectMany(OtlpDecoder.Sums).Select(s => s.Name).Where(n => n.StartsWith("orleansproc.", StringComparison.Ordinal)).Distinct().Order())
        {
            output.WriteLine($"{name} = {Latest(posts, name)}");
        }

        foreach (var group in Spans(posts).GroupBy(s => (s.Service, s.Name)).OrderBy(g => g.Key))
        {
            output.WriteLine($"{group.Key.Service} {group.Key.Name}: {group.Count()} spans in {group.Select(s => s.TraceId).Distinct().Count()} traces");
        }
    }

    private static IEnumerable<OtlpSpan> Spans(IEnumerable<OtlpPost> posts) =>
        posts.Where(p => p.Path == OtlpPost.TracesPath).SelectMany(OtlpDecoder.Spans);

    /// <summary>A counter over the silos: the last value each silo exported (cumulative), summed.</summary>
    private static long Latest(IEnumerable<OtlpPost> posts, string name) =>
        posts.Where(p => p.Path == OtlpPost.MetricsPath)
            .SelectMany(OtlpDecoder.Sums)
            .Where(s => s.Name == name)
            .GroupBy(s => s.Instance)
            .Sum(silo => silo.Last().Value);

    /// <summary>The receiver's requests once the condition holds of them, deadline <see cref="Patience"/>.</summary>
    private async Task<IReadOnlyList<OtlpPost>> WaitForAsync(Func<IReadOnlyList<OtlpPost>, bool> condition)
    {
        try
        {
            await ChangeSignal.WaitUntilAsync([cluster.Receiver.PostReceived], () => condition(cluster.Receiver.Posts), Patience, "the OTLP posts awaited");
        }
        catch (TimeoutException)
        {
            // the assertions that follow say what is missing from what did arrive
        }

        return cluster.Receiver.Posts;
    }

    [GeneratedRegex(@"(\d+)/\1 partitions")]
    private static partial Regex PartitionsDone();
}
