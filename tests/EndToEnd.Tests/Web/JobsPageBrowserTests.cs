using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using OrleansProc.EndToEnd.Tests.Infrastructure;

namespace OrleansProc.EndToEnd.Tests.Web;

/// <summary>
/// The jobs page in a real browser (headless Chromium) against the real cluster: a job shows up running with partial
/// progress, then completed with its result (checked against the generator's records) and its partitions; bad-record
/// samples show for a job that skipped some; /healthz and the Orleans Dashboard answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JobsPageBrowserTests(ClusterFixture cluster)
{
    private const string Dataset = "pagesales";
    private const long Rows = 200_000;
    private const int Parts = 4;
    private const int Seed = 17;

    /// <summary>Small partitions: several hundred of them, so the job runs for seconds and its progress is seen.</summary>
    private const long PartitionSize = 64 * 1024;

    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task JobsPage_QueryRuns_ShowsProgressThenResultAndPartitions()
    {
        await FaultJobs.GenerateAsync(cluster, Dataset, Rows, Parts, Seed);
        var expected = FaultJobs.Expected(Rows, Parts, Seed);
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync(cluster.PageOf(0).ToString());
        await WaitUntilAsync(async () => await page.Locator("#silos tbody tr").CountAsync() == ClusterFixture.SiloCount, TimeSpan.FromSeconds(60), "both silos listed");

        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, FaultJobs.CountSum(Dataset), PartitionSize);

        var row = page.Locator($"#jobs tr[data-job-id='{jobId}']");
        var seenRunning = new List<string>();
        await WaitUntilAsync(async () =>
        {
            if (await row.CountAsync() == 0)
            {
                return false;
            }

            var state = await row.Locator("[data-field=state]").InnerTextAsync();
            var progress = Percent(await row.Locator("[data-field=progress]").InnerTextAsync());
            seenRunning.Add($"{state} {progress}%");
            return state == "Running" && progress is > 0 and < 100;
        }, TimeSpan.FromSeconds(90), $"job {jobId} listed Running with progress between 0 and 100% (seen: {string.Join(", ", seenRunning.TakeLast(10))})");

        await row.ClickAsync();
        var job = page.Locator("#job");
        await WaitUntilAsync(async () => await job.Locator("[data-field=id]").InnerTextAsync() == jobId, TimeSpan.FromSeconds(30), "the job's own view");
        await WaitUntilAsync(async () => await job.Locator("[data-field=state]").InnerTextAsync() is "Completed" or "Failed" or "Cancelled", JobTimeout, $"job {jobId} ended");

        Assert.Equal("Completed", await job.Locator("[data-field=state]").InnerTextAsync());
        Assert.Equal("100%", await job.Locator("[data-field=progress]").InnerTextAsync());
        await WaitUntilAsync(() => job.Locator("#result").IsVisibleAsync(), TimeSpan.FromSeconds(30), "the result table");
        var headers = await job.Locator("#result thead th").AllInnerTextsAsync();
        Assert.Equal(["n", "q", "u"], headers);
        var cells = await job.Locator("#result tbody tr").First.Locator("td").AllInnerTextsAsync();
        Assert.Equal([$"{expected.Count}", $"{expected.Quantity}", $"{expected.Users}"], cells);

        var partitions = job.Locator("#partitions tbody tr");
        var count = await partitions.CountAsync();
        Assert.True(count > 20, $"only {count} partitions: the job was not cut small enough to show progress");
        Assert.All(await partitions.Locator("td:nth-child(2)").AllInnerTextsAsync(), status => Assert.Equal("Done", status));
        var silos = (await partitions.Locator("td:nth-child(3)").AllInnerTextsAsync()).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(new HashSet<string>(Enumerable.Range(0, ClusterFixture.SiloCount).Select(i => $"silo{i}"), StringComparer.Ordinal), silos);
        var rowsRead = (await partitions.Locator("td:nth-child(6)").AllInnerTextsAsync()).Sum(t => long.Parse(t, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal(expected.Count, rowsRead);
    }

    [Fact]
    public async Task JobsPage_SkippedBadRecords_ShowsSamples()
    {
        var folder = Path.Combine(cluster.WorkDirectory, "page-bad");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "data.csv"), "a,b\n1,2\n3,4,5\n6,7\n", new UTF8Encoding(false));
        var upload = await cluster.RunClientAsync("dataset", "upload", "pagebad", folder, "--schema", "a BIGINT, b BIGINT");
        Assert.True(upload.ExitCode == 0, upload.ToString());
        var submit = await cluster.RunClientAsync("query", "SELECT COUNT(*) AS n, SUM(a) AS s FROM pagebad", "--detach", "--skip-bad-records");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var jobId = submit.Stdout.Trim();
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.Context.NewPageAsync();

        await page.GotoAsync(new Uri(cluster.PageOf(1), $"#/jobs/{jobId}").ToString());
        var job = page.Locator("#job");
        await WaitUntilAsync(() => job.Locator("#bad-records").IsVisibleAsync(), JobTimeout, $"job {jobId}'s bad-record samples");

        Assert.Equal("Completed", await job.Locator("[data-field=state]").InnerTextAsync());
        Assert.Equal("1", await job.Locator("[data-field=bad]").InnerTextAsync());
        var sample = Assert.Single(await job.Locator("#bad-records li").AllInnerTextsAsync());
        Assert.Contains("pagebad/data.csv", sample, StringComparison.Ordinal);
        Assert.Contains("line 3", sample, StringComparison.Ordinal);
        Assert.Equal(["2", "7"], await job.Locator("#result tbody tr").First.Locator("td").AllInnerTextsAsync());
    }

    [Fact]
    public async Task SiloWebSide_HealthAndDashboard_AnswerInTheBrowser()
    {
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.Context.NewPageAsync();

        var health = await page.GotoAsync(new Uri(cluster.PageOf(0), "/healthz").ToString());
        Assert.NotNull(health);
        Assert.Equal(200, health.Status);
        Assert.Contains("\"status\":\"Healthy\"", await health.TextAsync(), StringComparison.Ordinal);

        var dashboard = await page.GotoAsync(new Uri(cluster.PageOf(0), "/dashboard").ToString());
        Assert.NotNull(dashboard);
        Assert.Equal(200, dashboard.Status);
        Assert.EndsWith("/dashboard/", page.Url, StringComparison.Ordinal);
        var version = await page.APIRequest.GetAsync(new Uri(cluster.PageOf(0), "/dashboard/version").ToString());
        Assert.Equal(200, version.Status);
        Assert.Contains("version", await version.TextAsync(), StringComparison.Ordinal);
    }

    private static int Percent(string text) =>
        int.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : -1;

    /// <summary>Polls <paramref name="condition"/> (the page updates itself every second) until it holds or the deadline passes.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not seen within {timeout}: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
