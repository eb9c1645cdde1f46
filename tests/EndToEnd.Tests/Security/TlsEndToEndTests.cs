using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Security;

/// <summary>
/// Mutual TLS on a cluster of its own (two silo processes, a self-signed certificate made in the test): a client with
/// the certificate runs a job whose answer is computed here; a client without it cannot connect; an unusable
/// certificate setting stops a silo and the client with one error line that never holds the password.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TlsEndToEndTests(TlsClusterFixture cluster) : IClassFixture<TlsClusterFixture>
{
    private const string Dataset = "tlssales";
    private const long Rows = 10_000;
    private const int Parts = 4;
    private const int Seed = 5;

    [Fact]
    public async Task Query_ClientWithCertificate_AnswersOverTlsWithBothSilosWorking()
    {
        await FaultJobs.GenerateAsync(cluster, Dataset, Rows, Parts, Seed);

        var run = await cluster.RunClientAsync("query", FaultJobs.CountSum(Dataset), "--format", "json", "--partition-size", "100000");

        FaultJobs.AssertAnswer(run, FaultJobs.Expected(Rows, Parts, Seed));
        Assert.All(cluster.Silos, silo => Assert.Contains($"TLS on: certificate CN={TlsClusterFixture.CertificateName}", silo.Output, StringComparison.Ordinal));

        // Both silos ran partitions: the coordinator reached the other silo over the silo-to-silo connection, which is TLS too.
        var status = await cluster.RunClientAsync("cluster", "status", "--format", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var silos = status.Json().EnumerateArray().ToList();
        Assert.Equal(ClusterFixture.SiloCount, silos.Count);
        Assert.All(silos, s => Assert.True(s.GetProperty("completed").GetInt64() > 0, status.Stdout));
    }

    [Fact]
    public async Task ClusterStatus_ClientWithoutCertificate_FailsSayingItCannotReachTheCluster()
    {
        var run = await ClusterFixture.RunAsync(RepositoryRoot.ClientDll, cluster.PlainEnvironment, "cluster", "status");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: cannot reach the cluster '{cluster.ClusterId}'", line, StringComparison.Ordinal);
        Assert.True(line.EndsWith("if its silos use TLS, set ORLEANSPROC_TLS_CERT", StringComparison.Ordinal), run.ToString());
    }

    [Fact]
    public async Task ClusterStatus_WrongPassword_OneErrorLineWithoutThePasswordExit1()
    {
        var environment = new Dictionary<string, string>(cluster.ClientEnvironment) { ["ORLEANSPROC_TLS_CERT_PASSWORD"] = "wrong-secret-7Q" };

        var run = await ClusterFixture.RunAsync(RepositoryRoot.ClientDll, environment, "cluster", "status");

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: ORLEANSPROC_TLS_CERT '{cluster.CertificatePath}': cannot load the certificate", line, StringComparison.Ordinal);
        Assert.Contains("ORLEANSPROC_TLS_CERT_PASSWORD is not its password", line, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-7Q", run.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-secret-7Q", "ORLEANSPROC_TLS_CERT_PASSWORD is not its password")]
    [InlineData(null, "no such file")]
    public async Task Silo_UnusableCertificate_ExitsWithOneErrorLineWithoutThePassword(string? password, string why)
    {
        var environment = new Dictionary<string, string>(cluster.ClientEnvironment)
        {
            ["ORLEANSPROC_SILO_PORT"] = $"{FreePorts.Next()}",
            ["ORLEANSPROC_GATEWAY_PORT"] = $"{FreePorts.Next()}",
            ["ORLEANSPROC_WEB_PORT"] = $"{FreePorts.Next()}",
        };
        if (password is null)
        {
            environment["ORLEANSPROC_TLS_CERT"] = Path.Combine(cluster.WorkDirectory, "missing.pfx");
        }
        else
        {
            environment["ORLEANSPROC_TLS_CERT_PASSWORD"] = password;
        }

        var run = await ClusterFixture.RunAsync(RepositoryRoot.SiloDll, environment);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("OrleansProc silo started", run.Stdout, StringComparison.Ordinal);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ORLEANSPROC_TLS_CERT '", line, StringComparison.Ordinal);
        Assert.Contains(why, line, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, run.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-7Q", run.ToString(), StringComparison.Ordinal);
    }
}
