using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using OrleansProc.Contracts.Security;
using OrleansProc.Security;

namespace OrleansProc.Silo.Security;

/// <summary>
/// Checks who makes each incoming grain call. A call marked with the silo key (<see cref="SiloCallMarker"/>) comes from
/// a silo and passes. Any other call comes from a client (through a gateway): it is refused when it targets a
/// <see cref="SiloOnlyAttribute"/> interface or method, or, when ORLEANSPROC_API_KEY is set, when it does not carry that
/// key. Orleans' own system targets (membership, directory, manifest) are left to Orleans. Why a request-context key
/// and not the caller's id: a gateway forwards the caller id a client puts in its message unchecked, so it cannot tell
/// a client from a grain; a secret that only silos hold can.
/// </summary>
public sealed partial class CallerCheck(AccessSettings access, ILogger<CallerCheck> logger) : IIncomingGrainCallFilter
{
    /// <summary>
    /// A grain timer's tick reaches its grain as a call on this interface, made in-process by the runtime with no
    /// request context: it never comes through a gateway (its body is the silo's own timer object).
    /// </summary>
    private const string TimerTickInterface = "Orleans.Runtime.IGrainTimerInvoker";

    private readonly ConcurrentDictionary<MethodInfo, bool> _siloOnly = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SystemTargetGrainId.IsSystemTargetGrainId(context.TargetId)
            || context.InterfaceMethod.DeclaringType?.FullName == TimerTickInterface
            || access.IsSiloKey(RequestContext.Get(CallKeys.SiloKey) as string))
        {
            return context.Invoke();
        }

        var method = $"{context.InterfaceMethod.DeclaringType?.Name ?? context.InterfaceName}.{context.InterfaceMethod.Name}";
        if (_siloOnly.GetOrAdd(context.InterfaceMethod, IsSiloOnly))
        {
            LogRefused(logger, method, "silo only");
            throw new AccessDeniedException($"{method} may be called only by the cluster's silos, not by a client");
        }

        if (access.RequiresApiKey && !access.IsApiKey(RequestContext.Get(CallKeys.ApiKey) as string))
        {
            var given = RequestContext.Get(CallKeys.ApiKey) is not null;
            LogRefused(logger, method, given ? "wrong API key" : "no API key");
            throw new AccessDeniedException(given
                ? $"the cluster refused the API key (ORLEANSPROC_API_KEY) for {method}: it is not the silos' key"
                : $"the cluster requires an API key for {method}: set ORLEANSPROC_API_KEY to the silos' key");
        }

        return context.Invoke();
    }

    private static bool IsSiloOnly(MethodInfo method) =>
        method.IsDefined(typeof(SiloOnlyAttribute), inherit: false) || method.DeclaringType?.IsDefined(typeof(SiloOnlyAttribute), inherit: false) == true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a client's call to {Method}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string reason);
}
