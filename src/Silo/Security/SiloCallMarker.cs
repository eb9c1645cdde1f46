using OrleansProc.Contracts.Security;
using OrleansProc.Security;

namespace OrleansProc.Silo.Security;

/// <summary>
/// Marks every grain call this silo makes (from grains, timers, reminders, background services and the web side) with
/// the silo key, so that <see cref="CallerCheck"/> on the receiving silo tells it from a client's call.
/// </summary>
public sealed class SiloCallMarker(AccessSettings access) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequestContext.Set(CallKeys.SiloKey, access.SiloKey);
        return context.Invoke();
    }
}
