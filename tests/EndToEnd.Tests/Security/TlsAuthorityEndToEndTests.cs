using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Security;

/// <summary>
/// Mutual TLS with a configured CA (ORLEANSPROC_TLS_CA) on a cluster of its own: two silo processes and the client each
/// present a certificate of their own signed by a CA made in the test. The client answers a query exactly (the answer
/// computed here with LINQ); a client whose certificate does not chain to the CA, though it trusts the silos, is refused
/// by the silos with one error line, and the cluster goes on serving the good client.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TlsAuthorityEndToEndTests(CaTlsClusterFixture cluster) : IClassFixture<CaTlsClusterFixture>
{
    [Fact]
    public async Task Query_EachProcessWithItsOwnCertificateFromTheCa_AnswersExactlyOnBothSilos()
    {
        await TlsOrders.EnsureUploadedAsync(cluster);

        var run = await cluster.RunClientAsync("query", TlsOrders.Query, "--format", "json", "--partition-size", "8000");

        TlsOrders.AssertAnswer(run);
        for (var i = 0; i < ClusterFixture.SiloCount; i++)
        {
            var thumbprint = TestCertificates.Thumbprint(cluster.SiloCertificatePaths[i], cluster.Password);
            Assert.Contains($"TLS on: certificate CN=silo{i}, SHA-256 thumbprint {thumbprint}", cluster.Silos[i].Output, StringComparison.Ordinal);
            Assert.Contains($"peers accepted: certificates chaining to CN={CaTlsClusterFixture.AuthorityName} (ORLEANSPROC_TLS_CA)", cluster.Silos[i].Output, StringComparison.Ordinal);
        }

        // Both silos ran partitions: the silos, each with its own certificate, reached each other over TLS too.
        var status = await cluster.RunClientAsync("cluster", "status", "--format", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var silos = status.Json().EnumerateArray().ToList();
        Assert.Equal(ClusterFixture.SiloCount, silos.Count);
        Assert.All(silos, s => Assert.True(s.GetProperty("completed").GetInt64() > 0, status.Stdout));
    }

    [Theory]
    [InlineData("self-signed")]
    [InlineData("other-ca")]
    public async Task Query_ClientCertificateNotFromTheCa_RefusedWithOneErrorLineThenTheGoodClientAnswers(string kind)
    {
        await TlsOrders.EnsureUploadedAsync(cluster);
        var name = $"client-{kind}-{Guid.NewGuid():N}"[..24];
        string foreign;
        if (kind == "self-signed")
        {
            foreign = TestCertificates.CreatePfx(cluster.WorkDirectory, name, cluster.Password, TestCertificates.ClientAuthentication);
        }
        else
        {
            using var otherAuthority = TestCertificates.CreateAuthority(CaTlsClusterFixture.AuthorityName);
            foreign = TestCertificates.CreateSignedPfx(cluster.WorkDirectory, name, cluster.Password, otherAuthority, [name], TestCertificates.ClientAuthentication);
        }

        var before = TlsRefusals.Count(cluster);

        var refused = await ClusterFixture.RunAsync(RepositoryRoot.ClientDll, cluster.ClientEnvironmentWith(foreign), "query", TlsOrders.Query, "--format", "json");
        var good = await cluster.RunClientAsync("query", TlsOrders.Query, "--format", "json");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Empty(refused.Stdout);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: cannot reach the cluster '{cluster.ClusterId}'", line, StringComparison.Ordinal);
        Assert.EndsWith("check that their certificates and ORLEANSPROC_TLS_CERT trust each other (the silo logs say why a TLS handshake failed)", line, StringComparison.Ordinal);
        await TlsRefusals.WaitForMoreThanAsync(cluster, before); // refused by the silos' check of its certificate
        Assert.DoesNotContain(cluster.Password, refused.ToString(), StringComparison.Ordinal);
        TlsOrders.AssertAnswer(good);
    }
}
