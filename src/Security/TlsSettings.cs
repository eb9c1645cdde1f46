using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace OrleansProc.Security;

/// <summary>
/// Mutual TLS between clients and silos and between silos, off unless <see cref="CertificateVariable"/> is set:
/// ORLEANSPROC_TLS_CERT (a PKCS#12 / PFX file holding the certificate this process presents and its private key),
/// ORLEANSPROC_TLS_CERT_PASSWORD (the file's password; optional), ORLEANSPROC_TLS_ALLOW_SELF_SIGNED (true: also accept
/// a peer that presents this very certificate, matched by its SHA-256 thumbprint; development and tests only; default
/// false) and ORLEANSPROC_TLS_TARGET_HOST (the name a silo's certificate must carry; default this certificate's DNS
/// name). A peer is accepted when its certificate chains to a root this host trusts (and, seen from the connecting
/// side, carries the target host name), or with ORLEANSPROC_TLS_ALLOW_SELF_SIGNED=true when it is this certificate.
/// </summary>
public sealed class TlsSettings
{
    public const string CertificateVariable = "ORLEANSPROC_TLS_CERT";

    public const string PasswordVariable = "ORLEANSPROC_TLS_CERT_PASSWORD";

    public const string AllowSelfSignedVariable = "ORLEANSPROC_TLS_ALLOW_SELF_SIGNED";

    public const string TargetHostVariable = "ORLEANSPROC_TLS_TARGET_HOST";

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly byte[] _thumbprint;

    private TlsSettings(X509Certificate2 certificate, bool allowSelfSigned, string targetHost)
    {
        Certificate = certificate;
        AllowSelfSigned = allowSelfSigned;
        TargetHost = targetHost;
        _thumbprint = certificate.GetCertHash(HashAlgorithmName.SHA256);
        Thumbprint = Convert.ToHexString(_thumbprint);
    }

    /// <summary>The variables that configure TLS, all of which a process this one starts as a silo must get too.</summary>
    public static IReadOnlyList<string> Variables { get; } = [CertificateVariable, PasswordVariable, AllowSelfSignedVariable, TargetHostVariable];

    /// <summary>The certificate this process presents, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's SHA-256 thumbprint, in hex.</summary>
    public string Thumbprint { get; }

    public bool AllowSelfSigned { get; }

    /// <summary>The name the connecting side expects in the accepting silo's certificate (and sends for SNI).</summary>
    public string TargetHost { get; }

    /// <summary>A client's settings from the environment variables of this process; null when TLS is off.</summary>
    public static TlsSettings? FromEnvironment() => From(Environment.GetEnvironmentVariable, silo: false);

    /// <summary>
    /// The settings from <paramref name="read"/> (a variable's name to its value), the certificate loaded; null when
    /// ORLEANSPROC_TLS_CERT is unset. Throws <see cref="TlsCertificateException"/> when they cannot be used.
    /// </summary>
    /// <param name="read">A variable's value, or null when it is unset.</param>
    /// <param name="silo">
    /// True for a silo, which both accepts connections and opens them, so a certificate that limits its use must allow
    /// server and client authentication; a client only opens connections (client authentication).
    /// </param>
    public static TlsSettings? From(Func<string, string?> read, bool silo)
    {
        ArgumentNullException.ThrowIfNull(read);
        string? Get(string name) => read(name) is { Length: > 0 } value ? value : null;
        var path = Get(CertificateVariable);
        if (path is null)
        {
            foreach (var name in new[] { PasswordVariable, AllowSelfSignedVariable, TargetHostVariable }.Where(name => Get(name) is not null))
            {
                throw new TlsCertificateException($"{name} is set but {CertificateVariable} is not: set {CertificateVariable} to the certificate's PFX file to use TLS, or unset {name}");
            }

            return null;
        }

        var allowSelfSigned = Get(AllowSelfSignedVariable) switch
        {
            null => false,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw new TlsCertificateException($"{AllowSelfSignedVariable} '{text}' is not true or false"),
        };
        var certificate = Load(path, Get(PasswordVariable), silo);
        var targetHost = Get(TargetHostVariable) ?? certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        return new TlsSettings(certificate, allowSelfSigned, targetHost);
    }

    /// <summary>
    /// Mutual TLS as silos and clients use it: each side presents <see cref="Certificate"/> and requires the other's,
    /// accepted as <see cref="IsTrustedPeer"/> says; the connecting side expects <see cref="TargetHost"/>.
    /// </summary>
    public void Apply(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (peer, _, errors) => IsTrustedPeer(peer, errors);
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = TargetHost;
    }

    /// <summary>
    /// Whether to accept a peer's certificate: it validated (chains to a trusted root; from the connecting side, also
    /// names <see cref="TargetHost"/>), or <see cref="AllowSelfSigned"/> is on and it is <see cref="Certificate"/>.
    /// </summary>
    public bool IsTrustedPeer(X509Certificate2 peer, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return errors == SslPolicyErrors.None
            || (AllowSelfSigned && CryptographicOperations.FixedTimeEquals(peer.GetCertHash(HashAlgorithmName.SHA256), _thumbprint));
    }

    private static X509Certificate2 Load(string path, string? password, bool silo)
    {
        var where = $"{CertificateVariable} '{path}'";
        if (!File.Exists(path))
        {
            throw new TlsCertificateException($"{where}: no such file; set it to the PFX file holding this process's certificate and private key");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw new TlsCertificateException($"{where}: cannot read the file: {exception.Message}", exception);
        }
        catch (CryptographicException exception)
        {
            var why = password is null
                ? $"it is not a PFX file, or it needs a password ({PasswordVariable} is not set)"
                : $"it is not a PFX file, or {PasswordVariable} is not its password";
            throw new TlsCertificateException($"{where}: cannot load the certificate: {why} ({exception.Message.Trim().TrimEnd('.')})", exception);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new TlsCertificateException($"{where}: the certificate has no private key; export it with its private key");
        }

        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usage)
        {
            var usages = usage.EnhancedKeyUsages.Cast<Oid>().Select(oid => oid.Value).ToHashSet(StringComparer.Ordinal);
            if (!usages.Contains(ClientAuthentication) || (silo && !usages.Contains(ServerAuthentication)))
            {
                certificate.Dispose();
                var needed = silo ? "server and client authentication (a silo accepts connections and opens them)" : "client authentication";
                throw new TlsCertificateException($"{where}: the certificate's extended key usage does not allow {needed}");
            }
        }

        return certificate;
    }
}
