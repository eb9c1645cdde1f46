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
/// name), ORLEANSPROC_TLS_CA (a PEM or DER file of the CA certificate(s) peers' certificates must chain to, instead of
/// the system's roots; revocation is not checked, a private CA seldom publishes a list) and ORLEANSPROC_TLS_THUMBPRINTS
/// (comma-separated SHA-256 thumbprints, in hex, of the only peer certificates accepted: pinning). A peer is accepted:
/// with thumbprints, when its certificate is one of them (or this certificate, with ORLEANSPROC_TLS_ALLOW_SELF_SIGNED);
/// else with a CA, when it chains to that CA (and, seen from the connecting side, carries the target host name); else
/// when it chains to a root this host trusts (idem), or with ORLEANSPROC_TLS_ALLOW_SELF_SIGNED=true when it is this
/// certificate.
/// </summary>
public sealed class TlsSettings
{
    public const string CertificateVariable = "ORLEANSPROC_TLS_CERT";

    public const string PasswordVariable = "ORLEANSPROC_TLS_CERT_PASSWORD";

    public const string AllowSelfSignedVariable = "ORLEANSPROC_TLS_ALLOW_SELF_SIGNED";

    public const string TargetHostVariable = "ORLEANSPROC_TLS_TARGET_HOST";

    public const string CaVariable = "ORLEANSPROC_TLS_CA";

    public const string ThumbprintsVariable = "ORLEANSPROC_TLS_THUMBPRINTS";

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly byte[] _thumbprint;

    private readonly X509Certificate2Collection? _authorities;

    private readonly IReadOnlySet<string>? _pinned;

    private TlsSettings(X509Certificate2 certificate, bool allowSelfSigned, string targetHost, X509Certificate2Collection? authorities, IReadOnlySet<string>? pinned)
    {
        _authorities = authorities;
        _pinned = pinned;
        Certificate = certificate;
        AllowSelfSigned = allowSelfSigned;
        TargetHost = targetHost;
        _thumbprint = certificate.GetCertHash(HashAlgorithmName.SHA256);
        Thumbprint = Convert.ToHexString(_thumbprint);
    }

    /// <summary>The variables that configure TLS, all of which a process this one starts as a silo must get too.</summary>
    public static IReadOnlyList<string> Variables { get; } = [CertificateVariable, PasswordVariable, AllowSelfSignedVariable, TargetHostVariable, CaVariable, ThumbprintsVariable];

    /// <summary>The certificate this process presents, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's SHA-256 thumbprint, in hex.</summary>
    public string Thumbprint { get; }

    public bool AllowSelfSigned { get; }

    /// <summary>The name the connecting side expects in the accepting silo's certificate (and sends for SNI).</summary>
    public string TargetHost { get; }

    /// <summary>
    /// Which peers are accepted, for a silo's start line: the pinned certificates, those chaining to the configured CA, or
    /// those chaining to the system's roots (never a secret).
    /// </summary>
    public string PeerTrust => _pinned is not null
        ? $"the {_pinned.Count} pinned certificate(s) of {ThumbprintsVariable}"
        : _authorities is not null
            ? $"certificates chaining to {string.Join(" or ", _authorities.Select(authority => authority.Subject))} ({CaVariable})"
            : "certificates chaining to the system's roots";

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
            foreach (var name in new[] { PasswordVariable, AllowSelfSignedVariable, TargetHostVariable, CaVariable, ThumbprintsVariable }.Where(name => Get(name) is not null))
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
        var pinned = Get(ThumbprintsVariable) is { } thumbprints ? ParseThumbprints(thumbprints) : null;
        var authorities = Get(CaVariable) is { } ca ? LoadAuthorities(ca) : null;
        var certificate = Load(path, Get(PasswordVariable), silo);
        var targetHost = Get(TargetHostVariable) ?? certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        return new TlsSettings(certificate, allowSelfSigned, targetHost, authorities, pinned);
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
    /// Whether to accept a peer's certificate: with pinned thumbprints, it is one of them; else with a CA, it chains to
    /// that CA (from the connecting side, also names <see cref="TargetHost"/>); else it validated against the system's
    /// roots (idem). Besides, with <see cref="AllowSelfSigned"/> on, it is <see cref="Certificate"/>.
    /// </summary>
    public bool IsTrustedPeer(X509Certificate2 peer, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var hash = peer.GetCertHash(HashAlgorithmName.SHA256);
        if (AllowSelfSigned && CryptographicOperations.FixedTimeEquals(hash, _thumbprint))
        {
            return true;
        }

        if (_pinned is not null)
        {
            return _pinned.Contains(Convert.ToHexString(hash));
        }

        if (_authorities is not null)
        {
            return (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) == 0 && ChainsToAuthority(peer);
        }

        return errors == SslPolicyErrors.None;
    }

    private bool ChainsToAuthority(X509Certificate2 peer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities!);
        chain.ChainPolicy.ExtraStore.AddRange(_authorities!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }

    private static HashSet<string> ParseThumbprints(string text)
    {
        var thumbprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var hex = item.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new TlsCertificateException($"{ThumbprintsVariable}: '{item}' is not a SHA-256 thumbprint (64 hex digits; e.g. openssl x509 -noout -fingerprint -sha256 -in cert.pem)");
            }

            thumbprints.Add(hex);
        }

        return thumbprints.Count > 0 ? thumbprints : throw new TlsCertificateException($"{ThumbprintsVariable} holds no thumbprint");
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var where = $"{CaVariable} '{path}'";
        if (!File.Exists(path))
        {
            throw new TlsCertificateException($"{where}: no such file; set it to the CA certificate (PEM or DER) peers' certificates must chain to");
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                authorities.ImportFromPem(text);
            }
            else
            {
                authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException or CryptographicException)
        {
            throw new TlsCertificateException($"{where}: cannot load the CA certificate: {exception.Message.Trim().TrimEnd('.')}", exception);
        }

        return authorities.Count > 0 ? authorities : throw new TlsCertificateException($"{where}: the file holds no certificate");
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
