using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The TLS handshakes the silos refused because their certificate check said no (Orleans' TLS middleware logs
/// "Authentication failed" with the reason): proof that a refusal came from the silos' check of the peer's certificate.
/// </summary>
public static class TlsRefusals
{
    public const string Rejected = "The remote certificate was rejected by the provided RemoteCertificateValidationCallback";

    /// <summary>How many handshakes the cluster's silos have refused so far.</summary>
    public static int Count(ClusterFixture cluster) => cluster.Silos.Sum(silo => silo.Output.Split(Rejected).Length - 1);

    /// <summary>Waits until the silos have refused more handshakes than <paramref name="before"/>; fails after 30 s.</summary>
    public static Task WaitForMoreThanAsync(ClusterFixture cluster, int before) =>
        ChangeSignal.WaitUntilAsync(
            [.. cluster.Silos.Select(silo => silo.OutputChanged)], () => Count(cluster) > before, TimeSpan.FromSeconds(30),
            $"a silo logging '{Rejected}' (logs under {cluster.WorkDirectory})");
}
