using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansProc.TestSupport;

/// <summary>Self-signed certificates made in the test, written as password-protected PFX files.</summary>
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
        alternativeNames.AddDnsName(name);
        request.CertificateExtensions.Add(alternativeNames.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var path = Path.Combine(directory, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
