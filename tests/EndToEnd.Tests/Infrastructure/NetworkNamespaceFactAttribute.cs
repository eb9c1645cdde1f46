using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>A fact that needs network namespaces: skipped, saying why, when not root or `ip netns` is unavailable.</summary>
public sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    public NetworkNamespaceFactAttribute()
    {
        Skip = NetworkNamespaceLab.UnavailableReason()!;
    }
}
