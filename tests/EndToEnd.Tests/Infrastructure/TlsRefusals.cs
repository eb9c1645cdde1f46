using System.Diagnostics;

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
    public static async Task WaitForMoreThanAsync(ClusterFixture cluster, int before)
    {
        var clock = Stopwatch.StartNew();
        while (Count(cluster) <= before)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"no silo logged '{Rejected}' within 30 s (logs under {cluster.WorkDirectory})");
            }

            await Task.Delay(200);
        }
    }
}
