using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansProc.TestSupport;

namespace OrleansProc.Security.Tests;

/// <summary>ORLEANSPROC_TLS_CA and ORLEANSPROC_TLS_THUMBPRINTS: which peers a configured CA or a pin list accepts.</summary>
public sealed class TlsTrustTests : IDisposable
{
    private const string Password = "pfx-pass-7Qm";
    private readonly string _directory = Directory.CreateTempSubdirectory("orleansproc-trust-").FullName;
    private readonly X509Certificate2 _authority;
    private readonly X509Certificate2 _issued;
    private readonly X509Certificate2 _stranger;

    public TlsTrustTests()
    {
        _authority = TestCertificates.CreateAuthority("orleansproc-test-ca");
        _issued = X509CertificateLoader.LoadPkcs12FromFile(TestCertificates.CreateSignedPfx(_directory, "silo.example", Password, _authority), Password);

        _stranger = X509CertificateLoader.LoadPkcs12FromFile(TestCertificates.CreatePfx(_directory, "stranger", Password), Password);
    }

    public void Dispose()
    {
        _authority.Dispose();
        _issued.Dispose();
        _stranger.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void IsTrustedPeer_WithCa_AcceptsWhatItIssuedRefusesAStranger()
    {
        var settings = With(TlsSettings.CaVariable, WriteAuthority());

        // The system's store does not know the CA (chain errors): the configured CA decides.
        Assert.True(settings.IsTrustedPeer(_issued, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(settings.IsTrustedPeer(_stranger, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(settings.IsTrustedPeer(_stranger, SslPolicyErrors.None));
        Assert.False(settings.IsTrustedPeer(_issued, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void IsTrustedPeer_WithThumbprints_AcceptsOnlyThePinnedCertificate()
    {
        var pinned = Convert.ToHexString(_stranger.GetCertHash(HashAlgorithmName.SHA256));
        var settings = With(TlsSettings.ThumbprintsVariable, $"  {pinned.ToLowerInvariant()} , {new string('A', 64)}");

        Assert.True(settings.IsTrustedPeer(_stranger, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(settings.IsTrustedPeer(_issued, SslPolicyErrors.None)); // even a certificate the system trusts
    }

    [Theory]
    [InlineData("abc", "'abc' is not a SHA-256 thumbprint")]
    [InlineData(",", "holds no thumbprint")]
    public void From_BadThumbprints_ErrorNamesTheVariable(string value, string why)
    {
        var error = Assert.Throws<TlsCertificateException>(() => With(TlsSettings.ThumbprintsVariable, value));

        Assert.StartsWith("ORLEANSPROC_TLS_THUMBPRINTS", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_MissingCaFile_ErrorNamesVariableAndPath()
    {
        var path = Path.Combine(_directory, "missing-ca.pem");

        var error = Assert.Throws<TlsCertificateException>(() => With(TlsSettings.CaVariable, path));

        Assert.StartsWith($"ORLEANSPROC_TLS_CA '{path}': no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_CaWithoutCertificate_ErrorNamingBoth()
    {
        var error = Assert.Throws<TlsCertificateException>(() => TlsSettings.From(name => name == TlsSettings.CaVariable ? "ca.pem" : null, silo: true));

        Assert.StartsWith("ORLEANSPROC_TLS_CA is set but ORLEANSPROC_TLS_CERT is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsTrustedPeer_CaFileWithRootAndIntermediate_AcceptsTheIntermediatesLeafRefusesAnotherRootsLeaf()
    {
        using var root = TestCertificates.CreateAuthority("orleansproc-test-root");
        using var intermediate = TestCertificates.CreateAuthority("orleansproc-test-intermediate", root);
        using var otherRoot = TestCertificates.CreateAuthority("orleansproc-test-root");
        using var leaf = X509CertificateLoader.LoadPkcs12FromFile(TestCertificates.CreateSignedPfx(_directory, "leaf", Password, intermediate), Password);
        using var impostor = X509CertificateLoader.LoadPkcs12FromFile(TestCertificates.CreateSignedPfx(_directory, "impostor", Password, otherRoot), Password);
        var bundle = Path.Combine(_directory, "bundle.pem");
        File.WriteAllText(bundle, root.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n");

        var settings = With(TlsSettings.CaVariable, bundle);

        Assert.True(settings.IsTrustedPeer(leaf, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(settings.IsTrustedPeer(impostor, SslPolicyErrors.RemoteCertificateChainErrors)); // same issuer name, another key
    }

    [Fact]
    public void PeerTrust_PinsCaOrNeither_SaysWhichPeersAreAccepted()
    {
        var pinned = With(TlsSettings.ThumbprintsVariable, $"{new string('A', 64)},{new string('b', 64)}");
        var authority = With(TlsSettings.CaVariable, WriteAuthority());
        var system = With(TlsSettings.TargetHostVariable, "silo.example");

        Assert.Equal("the 2 pinned certificate(s) of ORLEANSPROC_TLS_THUMBPRINTS", pinned.PeerTrust);
        Assert.Equal("certificates chaining to CN=orleansproc-test-ca (ORLEANSPROC_TLS_CA)", authority.PeerTrust);
        Assert.Equal("certificates chaining to the system's roots", system.PeerTrust);
    }

    private TlsSettings With(string variable, string value)
    {
        var values = new Dictionary<string, string>
        {
            [TlsSettings.CertificateVariable] = TestCertificates.CreatePfx(_directory, "node", Password),
            [TlsSettings.PasswordVariable] = Password,
            [variable] = value,
        };
        return TlsSettings.From(name => values.GetValueOrDefault(name), silo: true)!;
    }

    private string WriteAuthority()
    {
        var path = Path.Combine(_directory, "ca.pem");
        File.WriteAllText(path, _authority.ExportCertificatePem());
        return path;
    }
}
