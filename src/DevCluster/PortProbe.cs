using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansProc.DevCluster;

/// <summary>Which local TCP ports are taken, and which process listens on one.</summary>
internal static class PortProbe
{
    /// <summary>True when something accepts connections on 127.0.0.1:port.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            var connect = client.ConnectAsync(IPAddress.Loopback, port);
            return connect.Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True when the port can be bound on all addresses (nothing listens there).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return !IsListening(port);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The lowest free port at or above <paramref name="start"/> that is not in <paramref name="taken"/>.</summary>
    public static int FirstFree(int start, ISet<int> taken, Func<int, bool>? isFree = null)
    {
        isFree ??= IsFree;
        for (var port = start; port < start + 1000 && port <= IPEndPoint.MaxPort; port++)
        {
            if (!taken.Contains(port) && isFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port in {start}-{start + 999}");
    }

    /// <summary>The pid of the process listening on the TCP port (Linux /proc), or 0 when it cannot be seen.</summary>
    public static int ListenerPid(int port)
    {
        try
        {
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            {
                if (!File.Exists(table))
                {
                    continue;
                }

                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 9 && fields[3] == "0A" &&
                        int.TryParse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var local) && local == port)
                    {
                        inodes.Add(fields[9]);
                    }
                }
            }

            if (inodes.Count == 0)
            {
                return 0;
            }

            foreach (var process in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(process), out var pid))
                {
                    continue;
                }

                try
                {
                    foreach (var descriptor in Directory.EnumerateFiles(Path.Combine(process, "fd")))
                    {
                        var target = new FileInfo(descriptor).LinkTarget;
                        if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                        {
                            return pid;
                        }
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // another user's process, or gone
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // no /proc
        }

        return 0;
    }
}
