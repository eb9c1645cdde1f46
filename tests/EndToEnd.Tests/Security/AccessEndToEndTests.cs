using System.Net;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Contracts.Security;
using OrleansProc.EndToEnd.Tests.Infrastructure;

namespace OrleansProc.EndToEnd.Tests.Security;

/// <summary>
/// Access control on a cluster of its own whose silos and client hold an API key: a client without it is refused at the
/// gateway and at the web side, a client with it runs a job (answer computed here from the generator), a grain only silos
/// may call refuses a client even with the key, and <c>job delete</c> removes a finished job's blobs.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class AccessEndToEndTests(AccessClusterFixture cluster) : IClassFixture<AccessClusterFixture>
{
    private const string Dataset = "accesssales";
    private const long Rows = 8_000;
    private const int Parts = 3;
    private const int Seed = 11;

    [Fact]
    public async Task JobList_ClientWithoutKey_RefusedWithOneErrorLineExit1()
    {
        var run = await ClusterFixture.RunAsync(TestSupport.RepositoryRoot.ClientDll, cluster.KeylessEnvironment, "job", "list");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: access denied: the cluster requires an API key", line, StringComparison.Ordinal);
        Assert.EndsWith("set ORLEANSPROC_API_KEY to the silos' key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetList_ClientWithWrongKey_RefusedWithoutEchoingTheKey()
    {
        var environment = new Dictionary<string, string>(cluster.ClientEnvironment) { ["ORLEANSPROC_API_KEY"] = "wrong-key-0123456789abcdef" };

        var run = await ClusterFixture.RunAsync(TestSupport.RepositoryRoot.ClientDll, environment, "dataset", "list");

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: access denied: the cluster refused the API key (ORLEANSPROC_API_KEY)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-0123456789abcdef", run.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.ApiKey, run.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ClientWithKey_AnswersExactly()
    {
        await FaultJobs.EnsureDatasetAsync(cluster, Dataset, Rows, Parts, Seed);

        var run = await cluster.RunClientAsync("query", FaultJobs.CountSum(Dataset), "--format", "json", "--partition-size", "100000");

        FaultJobs.AssertAnswer(run, FaultJobs.Expected(Rows, Parts, Seed));
    }

    [Fact]
    public async Task PartitionStart_OrleansClientWithKey_RefusedAsSiloOnly()
    {
        await using var client = await OrleansTestClient.ConnectAsync(cluster, cluster.ApiKey);
        var partition = client.Grains.GetGrain<IPartitionGrain>($"forged-{Guid.NewGuid():N}/0/1");
        var assignment = new PartitionAssignment
        {
            JobId = "forged",
            Slices = [new SliceSpec { BlobName = "anything.csv" }],
            PartialBlob = "forged/partials/000000-1.bin",
            OutputBlob = "victim-dataset/part-000000.csv",
            Plan = new QueryPlan { Dataset = "anything", Format = "csv", Columns = [], ColumnsRead = [] },
        };

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => partition.StartAsync(assignment));

        Assert.Equal("IPartitionGrain.StartAsync may be called only by the cluster's silos, not by a client", refused.Message);

        // The same client may make the calls a client makes: the key is good, only the internal grain refused it.
        var jobs = await client.Grains.GetGrain<IJobDirectoryGrain>("default").ListAsync(5);
        Assert.NotNull(jobs);
        await Assert.ThrowsAsync<AccessDeniedException>(() => client.Grains.GetGrain<IJobDirectoryGrain>("default").RemoveAsync("any"));
    }

    [Fact]
    public async Task JobDirectoryList_OrleansClientWithoutKey_Refused()
    {
        await using var client = await OrleansTestClient.ConnectAsync(cluster, apiKey: null);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => client.Grains.GetGrain<IJobDirectoryGrain>("default").ListAsync(5));

        Assert.StartsWith("the cluster requires an API key", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/overview")]
    [InlineData("/dashboard")]
    public async Task WebSide_WithoutToken_Returns401AndWithBearerToken200(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var address = new Uri(cluster.PageOf(0), path);

        using var anonymous = await http.GetAsync(address);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, address) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key-0123456789") } };
        using var wrongResponse = await http.SendAsync(wrong);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, address) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", cluster.ApiKey) } };
        using var bearerResponse = await http.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("ORLEANSPROC_API_KEY", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.True(bearerResponse.IsSuccessStatusCode || bearerResponse.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently, $"{(int)bearerResponse.StatusCode} {path}");
    }

    [Fact]
    public async Task WebSide_LoginQuery_SetsCookieThatOpensTheApi()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { Timeout = TimeSpan.FromSeconds(30) };

        using var login = await http.GetAsync(new Uri(cluster.PageOf(1), $"/?token={Uri.EscapeDataString(cluster.ApiKey)}"));
        using var api = await http.GetAsync(new Uri(cluster.PageOf(1), "/api/overview"));
        using var health = await new HttpClient().GetAsync(new Uri(cluster.PageOf(1), "/healthz"));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("/", login.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("token=", login.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task JobDelete_FinishedJob_RemovesItsBlobsAndItsStatus()
    {
        await FaultJobs.EnsureDatasetAsync(cluster, Dataset, Rows, Parts, Seed);
        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, FaultJobs.CountSum(Dataset), 100_000);
        var watch = await cluster.RunClientAsync("job", "watch", jobId, "--format", "json");
        FaultJobs.AssertAnswer(watch, FaultJobs.Expected(Rows, Parts, Seed));
        var jobs = new BlobServiceClient(cluster.ConnectionString).GetBlobContainerClient("jobs");
        Assert.NotEmpty(await BlobNamesAsync(jobs, jobId)); // the plan and the result

        var delete = await cluster.RunClientAsync("job", "delete", jobId);
        var status = await cluster.RunClientAsync("job", "status", jobId);
        var again = await cluster.RunClientAsync("job", "delete", jobId);
        var list = await cluster.RunClientAsync("job", "list", "--format", "csv");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal($"job {jobId} deleted", delete.Stderr.Trim());
        Assert.Empty(await BlobNamesAsync(jobs, jobId));
        Assert.True(status.ExitCode == 2, status.ToString());
        Assert.Contains($"no job with id '{jobId}'", status.Stderr, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.DoesNotContain(jobId, list.Stdout, StringComparison.Ordinal);
    }

    private static async Task<List<string>> BlobNamesAsync(BlobContainerClient container, string jobId)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{jobId}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
