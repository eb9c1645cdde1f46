using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using OrleansProc.TestSupport;

namespace OrleansProc.Security.Tests;

public sealed class TlsSettingsTests : IDisposable
{
    private const string Password = "pfx-pass-3Zk";
    private readonly string _directory = Directory.CreateTempSubdirectory("orleansproc-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void From_NoCertificate_Null()
    {
        Assert.Null(TlsSettings.From(Read([]), silo: true));
    }

    [Theory]
    [InlineData(TlsSettings.PasswordVariable)]
    [InlineData(TlsSettings.AllowSelfSignedVariable)]
    [InlineData(TlsSettings.TargetHostVariable)]
    public void From_OtherTlsSettingWithoutCertificate_ErrorNamingBoth(string variable)
    {
        var error = Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(new() { [variable] = "true" }), silo: false));

        Assert.StartsWith($"{variable} is set but ORLEANSPROC_TLS_CERT is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_MissingFile_ErrorNamesVariableAndPath()
    {
        var path = Path.Combine(_directory, "missing.pfx");

        var error = Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(new() { [TlsSettings.CertificateVariable] = path }), silo: true));

        Assert.Equal($"ORLEANSPROC_TLS_CERT '{path}': no such file; set it to the PFX file holding this process's certificate and private key", error.Message);
    }

    [Fact]
    public void From_WrongPassword_ErrorNamesPasswordVariableNotThePassword()
    {
        var path = TestCertificates.CreatePfx(_directory, "node", Password);

        var error = Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(Settings(path, "not-the-pass-9Y")), silo: true));

        Assert.StartsWith($"ORLEANSPROC_TLS_CERT '{path}': cannot load the certificate: it is not a PFX file, or ORLEANSPROC_TLS_CERT_PASSWORD is not its password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-pass-9Y", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_PasswordMissing_ErrorSaysItNeedsOne()
    {
        var path = TestCertificates.CreatePfx(_directory, "node", Password);

        var error = Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(new() { [TlsSettings.CertificateVariable] = path }), silo: false));

        Assert.Contains("it needs a password (ORLEANSPROC_TLS_CERT_PASSWORD is not set)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NotAPfx_Error()
    {
        var path = Path.Combine(_directory, "text.pfx");
        File.WriteAllText(path, "not a certificate");

        var error = Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(Settings(path, Password)), silo: true));

        Assert.StartsWith($"ORLEANSPROC_TLS_CERT '{path}': cannot load the certificate: it is not a PFX file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ServerOnlyUsage_ErrorForSiloAndClient()
    {
        var path = TestCertificates.CreatePfx(_directory, "server-only", Password, TestCertificates.ServerAuthentication);

        var error = Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(Settings(path, Password)), silo: true));

        Assert.EndsWith("the certificate's extended key usage does not allow server and client authentication (a silo accepts connections and opens them)", error.Message, StringComparison.Ordinal);
        Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(Settings(path, Password)), silo: false));
    }

    [Fact]
    public void From_ClientOnlyUsage_AcceptedForClient()
    {
        var path = TestCertificates.CreatePfx(_directory, "client-only", Password, TestCertificates.ClientAuthentication);

        Assert.NotNull(TlsSettings.From(Read(Settings(path, Password)), silo: false));
        Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(Settings(path, Password)), silo: true));
    }

    [Fact]
    public void From_AllowSelfSignedNotABoolean_Error()
    {
        var path = TestCertificates.CreatePfx(_directory, "node", Password);
        var settings = Settings(path, Password);
        settings[TlsSettings.AllowSelfSignedVariable] = "yes";

        var error = Assert.Throws<TlsCertificateException>(() => TlsSettings.From(Read(settings), silo: true));

        Assert.Equal("ORLEANSPROC_TLS_ALLOW_SELF_SIGNED 'yes' is not true or false", error.Message);
    }

    [Fact]
    public void From_RightPassword_LoadsWithPrivateKeyAndTargetHostFromTheCertificate()
    {
        var path = TestCertificates.CreatePfx(_directory, "cluster.example", Password);

        var settings = TlsSettings.From(Read(Settings(path, Password)), silo: true);

        Assert.NotNull(settings);
        Assert.True(settings.Certificate.HasPrivateKey);
        Assert.Equal("cluster.example", settings.TargetHost);
        Assert.False(settings.AllowSelfSigned);
        Assert.Equal(64, settings.Thumbprint.Length);
    }

    [Fact]
    public void From_TargetHostSet_OverridesTheCertificatesName()
    {
        var path = TestCertificates.CreatePfx(_directory, "client.example", Password);
        var values = Settings(path, Password);
        values[TlsSettings.TargetHostVariable] = "silos.example";

        Assert.Equal("silos.example", TlsSettings.From(Read(values), silo: false)!.TargetHost);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void IsTrustedPeer_SameSelfSignedCertificate_OnlyWhenSelfSignedAllowed(bool allowSelfSigned, bool expected)
    {
        var settings = SelfSigned("node", allowSelfSigned);
        using var peer = X509CertificateLoader.LoadCertificate(settings.Certificate.RawData);

        Assert.Equal(expected, settings.IsTrustedPeer(peer, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void IsTrustedPeer_OtherSelfSignedCertificateSameName_False()
    {
        var settings = SelfSigned("node", allowSelfSigned: true);
        var other = SelfSigned("node", allowSelfSigned: true, file: "other");

        Assert.False(settings.IsTrustedPeer(other.Certificate, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void IsTrustedPeer_ValidatedByTheSystem_True()
    {
        var settings = SelfSigned("node", allowSelfSigned: false);
        var other = SelfSigned("other", allowSelfSigned: false, file: "other");

        Assert.True(settings.IsTrustedPeer(other.Certificate, SslPolicyErrors.None));
        Assert.False(settings.IsTrustedPeer(other.Certificate, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    private static Func<string, string?> Read(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);

    private static Dictionary<string, string> Settings(string path, string password) => new()
    {
        [TlsSettings.CertificateVariable] = path,
        [TlsSettings.PasswordVariable] = password,
    };

    private TlsSettings SelfSigned(string name, bool allowSelfSigned, string? file = null)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, file ?? name)).FullName;
        var values = Settings(TestCertificates.CreatePfx(directory, name, Password), Password);
        values[TlsSettings.AllowSelfSignedVariable] = allowSelfSigned ? "true" : "false";
        return TlsSettings.From(Read(values), silo: true)!;
    }
}
