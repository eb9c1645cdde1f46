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
}
