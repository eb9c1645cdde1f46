using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster of its own whose silos and client use mutual TLS with a self-signed certificate made here (a PFX with a
/// password in the fixture's folder), accepted by its thumbprint (ORLEANSPROC_TLS_ALLOW_SELF_SIGNED=true).
/// </summary>
public sealed class TlsClusterFixture : ClusterFixture
{
    public const string CertificateName = "orleansproc-e2e";

    public TlsClusterFixture()
    {
        CertificatePath = TestCertificates.CreatePfx(WorkDirectory, CertificateName, Password);
    }

    public string CertificatePath { get; }

    public string Password { get; } = $"pw-{Guid.NewGuid():N}";

    /// <summary>The client's environment without any TLS setting: a client that has no certificate.</summary>
    public IReadOnlyDictionary<string, string> PlainEnvironment => base.ClientEnvironment;

    public override IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>(base.ClientEnvironment)
    {
        ["ORLEANSPROC_TLS_CERT"] = CertificatePath,
        ["ORLEANSPROC_TLS_CERT_PASSWORD"] = Password,
        ["ORLEANSPROC_TLS_ALLOW_SELF_SIGNED"] = "true",
    };
}
