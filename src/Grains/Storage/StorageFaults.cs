using System.Net.Http;
using System.Net.Sockets;
using Azure;

namespace OrleansProc.Grains.Storage;

/// <summary>
/// Tells a storage outage (connection refused or reset, a timeout, a 5xx or throttling answer, after the Azure SDK's
/// own retries) from an error retrying cannot fix (a missing blob, a refused key).
/// </summary>
public static class StorageFaults
{
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RequestFailedException failed when failed.Status is 0 or 408 or 429 or >= 500:
                case HttpRequestException:
                case SocketException:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnreachable):
                    return true;
            }
        }

        return false;
    }
}
