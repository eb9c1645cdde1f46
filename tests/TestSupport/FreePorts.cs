using System.Net;
using System.Net.Sockets;

namespace OrleansProc.TestSupport;

/// <summary>Ports free on 127.0.0.1 right now (asked of the OS), for the processes a test starts.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs <paramref name="start"/>, which starts a server on ports from <see cref="Next"/>, again (taking new ports)
    /// when the server exits before it is ready: a port can be taken between <see cref="Next"/> and the server's bind.
    /// </summary>
    public static async Task<T> StartAsync<T>(Func<Task<T>> start, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (ChildProcessExitedException) when (attempt < attempts)
            {
            }
        }
    }
}
