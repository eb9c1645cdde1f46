using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansProc.TestSupport;

/// <summary>
/// Certificates made in the test: self-signed ones, a certificate authority, and certificates it signs, written as
/// password-protected PFX files (the CA as a PEM file, certificate only).
/// </summary>
public static class TestCertificates
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// Writes a self-signed certificate for <paramref name="name"/> (its subject and DNS name), with its private key and
    /// the given extended key usages (default: server and client authentication), to DIRECTORY/NAME.pfx; returns the path.
    /// </summary>
    public static string CreatePfx(string directory, string name, string password, params string[] usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(name, [name], key, usages);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return WritePfx(certificate, directory, name, password);
    }

    /// <summary>
    /// A certificate authority named <paramref name="name"/>, with its private key, to sign others with: self-signed (a
    /// root), or an intermediate signed by <paramref name="issuer"/>.
    /// </summary>
    public static X509Certificate2 CreateAuthority(string name, X509Certificate2? issuer = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (issuer is null)
        {
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(30));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var signed = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(20), RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>Writes <paramref name="certificate"/> (without its key) as PEM to DIRECTORY/NAME.pem; returns the path.</summary>
    public static string WritePem(X509Certificate2 certificate, string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var path = Path.Combine(directory, $"{name}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }

    /// <summary>
    /// Writes a certificate for <paramref name="name"/> (its subject) signed by <paramref name="issuer"/>, carrying
    /// <paramref name="dnsNames"/> (default: the name) and the given extended key usages (default: server and client
    /// authentication), with its private key, to DIRECTORY/NAME.pfx; returns the path.
    /// </summary>
    public static string CreateSignedPfx(string directory, string name, string password, X509Certificate2 issuer, IReadOnlyList<string>? dnsNames = null, params string[] usages)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(name, dnsNames is { Count: > 0 } ? dnsNames : [name], key, usages);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var signed = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
        using var certificate = signed.CopyWithPrivateKey(key);
        return WritePfx(certificate, directory, name, password);
    }

    /// <summary>The SHA-256 thumbprint, in hex, of the certificate in the PFX file at <paramref name="path"/>.</summary>
    public static string Thumbprint(string path, string password)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    private static CertificateRequest LeafRequest(string name, IReadOnlyList<string> dnsNames, ECDsa key, string[] usages)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var oids = new OidCollection();
        foreach (var usage in usages.Length > 0 ? usages : [ServerAuthentication, ClientAuthentication])
        {
            oids.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in dnsNames)
        {
            alternativeNames.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        return request;
    }

    private static string WritePfx(X509Certificate2 certificate, string directory, string name, string password)
    {
        var path = Path.Combine(directory, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
