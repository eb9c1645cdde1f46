using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.UserProcessors;

/// <summary>The three sample processors of samples/processors, run locally over generated files, against LINQ.</summary>
public sealed class SampleProcessorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sha256Rounds_SalesComments_CountsByFirstDigitAsLinq()
    {
        const int Rounds = 40;
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 4_000, 2);
        var expected = ProcessorPackages.SalesRecords(4_000, 2)
            .Select(r => Digest(r.Comment, Rounds)[..1])
            .GroupBy(d => d)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[] { g.Key, g.Count().ToString(CultureInfo.InvariantCulture) })
            .ToList();

        var result = await ProcessorPackages.RunAsync(ProcessorPackages.Spec(ProcessorPackages.Sha256Rounds, null, $"rounds={Rounds}"), files, 20_000);

        Assert.Equal(["digit", "n"], result.Table.ColumnNames());
        Assert.Equal(expected, result.Table.TextRows().Select(r => r.Select(v => v!).ToArray()));
    }

    [Fact]
    public async Task Sha256Rounds_RoundsBelowOne_FailsNamingTheArgument()
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 100, 1);

        var e = await Assert.ThrowsAsync<Engine.UserProcessors.UserProcessorException>(
            () => ProcessorPackages.RunAsync(ProcessorPackages.Spec(ProcessorPackages.Sha256Rounds, null, "rounds=0"), files));

        Assert.Equal("processor sha256-rounds failed in partition 0: ProcessorArgumentException: rounds must be at least 1, got 0", e.Message);
    }

    [Fact]
    public async Task AccessLogStats_GeneratedLogs_CountsByMethodAndStatusAsLinq()
    {
        var files = new List<string>();
        var lines = new List<string>();
        for (var part = 0; part < 3; part++)
        {
            var path = Path.Join(_folder.Path, $"access-{part}.log");
            await using (var file = File.Create(path))
            {
                await AccessLogGenerator.WriteAsync(file, 5_000, 11, part);
            }

            files.Add(path);
            lines.AddRange(AccessLogGenerator.Lines(5_000, 11, part));
        }

        var requests = lines.Where(l => l.Contains('"', StringComparison.Ordinal))
            .Select(l => l.Split('"'))
            .Select(p => (Method: p[1].Split(' ')[0], Tail: p[2].Trim().Split(' ')))
            .Select(p => (p.Method, Status: p.Tail[0], Bytes: p.Tail[1] == "-" ? 0 : long.Parse(p.Tail[1], CultureInfo.InvariantCulture)))
            .ToList();
        var expected = requests
            .GroupBy(r => (r.Method, r.Status))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Method + " " + g.Key.Status, StringComparer.Ordinal)
            .Select(g => new string?[] { g.Key.Method, g.Key.Status, g.Count().ToString(CultureInfo.InvariantCulture), g.Sum(r => r.Bytes).ToString(CultureInfo.InvariantCulture) })
            .Append([null, null, (lines.Count - requests.Count).ToString(CultureInfo.InvariantCulture), null])
            .ToList();
        Assert.True(lines.Count > requests.Count, "the generator writes some lines that are not requests");

        var result = await ProcessorPackages.RunAsync(ProcessorPackages.Spec(ProcessorPackages.AccessLogStats, null), files, 64_000);

        Assert.Equal(["method", "status", "requests", "bytes"], result.Table.ColumnNames());
        Assert.Equal(expected, result.Table.TextRows().Select(r => r.ToArray()));
        Assert.Equal(lines.Count, result.RowsRead);
    }

    [Fact]
    public async Task HttpLookup_LookupPerRecord_CountsBySegmentAsLinqWithConcurrentRequests()
    {
        await using var server = new LookupServer(heldUntil: 4);
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 1_500, 2);
        var expected = ProcessorPackages.SalesRecords(1_500, 2)
            .GroupBy(r => LookupServer.Answer(r.UserId))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[] { g.Key, g.Count().ToString(CultureInfo.InvariantCulture) })
            .ToList();

        var result = await ProcessorPackages.RunAsync(
            ProcessorPackages.Spec(ProcessorPackages.HttpLookup, null, $"url={server.Url}", "concurrency=8"), files, parallelism: 1);

        Assert.Equal(expected, result.Table.TextRows().Select(r => r.Select(v => v!).ToArray()));
        Assert.Equal(1_500, server.Requests);
        Assert.True(server.ReachedConcurrency, "the processor never had 4 lookups in flight at once with --arg concurrency=8 and one partition at a time");
    }

    [Fact]
    public async Task HttpLookup_NoUrl_FailsNamingTheArgument()
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 100, 1);

        var e = await Assert.ThrowsAsync<Engine.UserProcessors.UserProcessorException>(
            () => ProcessorPackages.RunAsync(ProcessorPackages.Spec(ProcessorPackages.HttpLookup, null), files));

        Assert.Contains("ProcessorArgumentException: the processor needs the argument 'url' (--arg url=VALUE)", e.Message, StringComparison.Ordinal);
    }

    private static string Digest(string text, int rounds)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        for (var r = 1; r < rounds; r++)
        {
            digest = SHA256.HashData(digest);
        }

        return Convert.ToHexStringLower(digest);
    }
}
