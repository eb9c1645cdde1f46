namespace OrleansProc.Contracts.Security;

/// <summary>
/// Marks a grain interface, or one of its methods, that only silos may call (partitions, the coordinator's reports,
/// load counters): a silo refuses a call to it from a client, whatever key the client holds.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, Inherited = false)]
public sealed class SiloOnlyAttribute : Attribute
{
}
