using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The cluster of <see cref="CaTlsClusterFixture"/> whose silos also pin certificates (ORLEANSPROC_TLS_THUMBPRINTS): the
/// silos' own and the good client's, and no other, though the CA signed others. The client trusts the silos by the CA.
/// </summary>
public sealed class PinnedTlsClusterFixture : CaTlsClusterFixture
{
    protected override IReadOnlyDictionary<string, string> SiloEnvironment => new Dictionary<string, string>
    {
        ["ORLEANSPROC_TLS_THUMBPRINTS"] = string.Join(',', SiloCertificatePaths.Append(ClientCertificatePath).Select(path => TestCertificates.Thumbprint(path, Password))),
    };
}
