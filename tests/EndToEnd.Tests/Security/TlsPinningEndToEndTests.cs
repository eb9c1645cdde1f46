using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Security;

/// <summary>
/// Mutual TLS with pinned certificates (ORLEANSPROC_TLS_THUMBPRINTS) on a cluster of its own: the silos pin their own
/// certificates and the good client's, all signed by a CA made in the test. The pinned client answers a query exactly
/// (the answer computed here with LINQ); a client whose certificate the same CA signed but that is not pinned is
/// refused with one error line, and the cluster goes on serving the pinned client.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TlsPinningEndToEndTests(PinnedTlsClusterFixture cluster) : IClassFixture<PinnedTlsClusterFixture>
{
    [Fact]
    public async Task Query_PinnedClient_AnswersExactly()
    {
        await TlsOrders.EnsureUploadedAsync(cluster);

        var run = await cluster.RunClientAsync("query", TlsOrders.Query, "--format", "json");

        TlsOrders.AssertAnswer(run);
        Assert.All(cluster.Silos, silo => Assert.Contains("peers accepted: the 3 pinned certificate(s) of ORLEANSPROC_TLS_THUMBPRINTS", silo.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Query_ClientFromTheSameCaNotPinned_RefusedWithOneErrorLineThenThePinnedClientAnswers()
    {
        await TlsOrders.EnsureUploadedAsync(cluster);
        var unpinned = cluster.IssueClientCertificate($"client-unpinned-{Guid.NewGuid():N}"[..24]);

        var before = TlsRefusals.Count(cluster);

        var refused = await ClusterFixture.RunAsync(RepositoryRoot.ClientDll, cluster.ClientEnvironmentWith(unpinned), "query", TlsOrders.Query, "--format", "json");
        var pinned = await cluster.RunClientAsync("query", TlsOrders.Query, "--format", "json");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Empty(refused.Stdout);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: cannot reach the cluster '{cluster.ClusterId}'", line, StringComparison.Ordinal);
        Assert.EndsWith("check that their certificates and ORLEANSPROC_TLS_CERT trust each other (the silo logs say why a TLS handshake failed)", line, StringComparison.Ordinal);
        await TlsRefusals.WaitForMoreThanAsync(cluster, before); // refused by the silos' check of its certificate
        TlsOrders.AssertAnswer(pinned);
    }
}
