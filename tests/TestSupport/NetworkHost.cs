namespace OrleansProc.TestSupport;

/// <summary>
/// A host of a <see cref="NetworkNamespaceLab"/>: a network namespace of its own, its address on the lab's bridge, and
/// the bridge-side end of its veth pair (set down, the host is cut off from everyone: the other hosts and the test).
/// </summary>
public sealed record NetworkHost(string Namespace, string Address, string Link);
