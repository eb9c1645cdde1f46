using System.Security.Cryptography.X509Certificates;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster of its own on mutual TLS with a certificate authority made here (ORLEANSPROC_TLS_CA, a PEM file): each silo
/// presents a certificate of its own signed by the CA (its name and the silos' shared name <see cref="SiloHostName"/>,
/// ORLEANSPROC_TLS_TARGET_HOST), and so does the client (client authentication only). No self-signed peer is allowed.
/// Tests make other clients' certificates with <see cref="IssueClientCertificate"/> or in <see cref="WorkDirectory"/>.
/// </summary>
public class CaTlsClusterFixture : ClusterFixture
{
    public const string SiloHostName = "orleansproc-silo";

    public const string AuthorityName = "orleansproc-e2e-ca";

    public const string ClientName = "client-good";

    private readonly string[] _siloCertificates;

    public CaTlsClusterFixture()
    {
        Authority = TestCertificates.CreateAuthority(AuthorityName);
        AuthorityPath = TestCertificates.WritePem(Authority, WorkDirectory, AuthorityName);
        _siloCertificates = [.. Enumerable.Range(0, SiloCount).Select(i =>
            TestCertificates.CreateSignedPfx(WorkDirectory, $"silo{i}", Password, Authority, [$"silo{i}", SiloHostName]))];
        ClientCertificatePath = IssueClientCertificate(ClientName);
    }

    /// <summary>The test CA, with its private key.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The CA's certificate as PEM: ORLEANSPROC_TLS_CA of every silo and client.</summary>
    public string AuthorityPath { get; }

    /// <summary>The good client's certificate, signed by the CA.</summary>
    public string ClientCertificatePath { get; }

    /// <summary>The password of every PFX file the fixture makes.</summary>
    public string Password { get; } = $"pw-{Guid.NewGuid():N}";

    /// <summary>The PFX files of the silos' certificates, by silo index.</summary>
    public IReadOnlyList<string> SiloCertificatePaths => _siloCertificates;

    public override IReadOnlyDictionary<string, string> ClientEnvironment => ClientEnvironmentWith(ClientCertificatePath);

    /// <summary>The client's environment with the certificate of <paramref name="certificatePath"/> instead of the good client's.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironmentWith(string certificatePath) => new Dictionary<string, string>(base.ClientEnvironment)
    {
        ["ORLEANSPROC_TLS_CERT"] = certificatePath,
        ["ORLEANSPROC_TLS_CERT_PASSWORD"] = Password,
        ["ORLEANSPROC_TLS_CA"] = AuthorityPath,
        ["ORLEANSPROC_TLS_TARGET_HOST"] = SiloHostName,
    };

    /// <summary>Writes a client certificate (client authentication only) signed by the test CA; returns its PFX file.</summary>
    public string IssueClientCertificate(string name) =>
        TestCertificates.CreateSignedPfx(WorkDirectory, name, Password, Authority, [name], TestCertificates.ClientAuthentication);

    /// <summary>Silo <paramref name="index"/> gets the client's settings with its own certificate instead of the client's.</summary>
    protected override ChildProcess StartSiloProcess(int index, IReadOnlyDictionary<string, string> environment, string logPath) =>
        base.StartSiloProcess(index, new Dictionary<string, string>(environment) { ["ORLEANSPROC_TLS_CERT"] = _siloCertificates[index] }, logPath);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Authority.Dispose();
    }
}
