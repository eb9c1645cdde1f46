using System.Diagnostics;
using System.Globalization;

namespace OrleansProc.TestSupport;

/// <summary>
/// Real hosts on one machine, with iproute2 (as root): a bridge in the root namespace with the address .1 of a /24 of
/// 10.77.0.0/16, and per host a network namespace joined to the bridge by a veth pair, with an address of its own.
/// The test process (in the root namespace) reaches every host; a host's link can be cut and restored. Names carry a
/// random id, so parallel runs and leftovers of a crashed run do not clash; <see cref="Dispose"/> removes the
/// namespaces and the bridge (the veths go with their namespaces) and is safe after a failed start.
/// </summary>
public sealed class NetworkNamespaceLab : IDisposable
{
    private readonly string _id;
    private readonly string _subnet;
    private readonly List<NetworkHost> _hosts = [];
    private bool _bridgeCreated;

    private NetworkNamespaceLab(string id, string subnet)
    {
        _id = id;
        _subnet = subnet;
    }

    /// <summary>The bridge's name (opb and the lab's random id).</summary>
    public string Bridge => $"opb{_id}";

    /// <summary>Why the lab cannot run here (not root, or no namespace can be made), or null when it can.</summary>
    public static string? UnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "network namespaces need root (the test creates a bridge, namespaces and veth pairs with iproute2)";
        }

        try
        {
            // Root in a container without CAP_NET_ADMIN may list namespaces but not make them: try one, and remove it.
            var probe = $"opprobe{Environment.ProcessId}";
            var (code, _, error) = Execute("ip", ["netns", "add", probe]);
            Execute("ip", ["netns", "del", probe]);
            return code == 0 ? null : $"'ip netns add' failed ({code}): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"iproute2's 'ip' is not available: {e.Message}";
        }
    }

    /// <summary>Creates the bridge on a /24 no interface of this machine uses yet.</summary>
    public static NetworkNamespaceLab Create()
    {
        var (_, used, _) = Execute("ip", ["-o", "-4", "addr", "show"]);
        var id = Guid.NewGuid().ToString("N")[..6];
        var free = Enumerable.Range(1, 254).Where(n => !used.Contains($"10.77.{n}.", StringComparison.Ordinal)).ToList();
        if (free.Count == 0)
        {
            throw new InvalidOperationException("every /24 of 10.77.0.0/16 is in use on this machine: remove leftover opb* bridges (ip link del NAME)");
        }

        var octet = free[Random.Shared.Next(free.Count)];
        var lab = new NetworkNamespaceLab(id, $"10.77.{octet.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            Ip("link", "add", lab.Bridge, "type", "bridge");
            lab._bridgeCreated = true;
            Ip("addr", "add", $"{lab._subnet}.1/24", "dev", lab.Bridge);
            Ip("link", "set", lab.Bridge, "up");
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>Adds a host: a namespace named after <paramref name="role"/>, joined to the bridge, its links up.</summary>
    public NetworkHost AddHost(string role)
    {
        var number = _hosts.Count + 10;
        var host = new NetworkHost($"op{_id}-{role}", $"{_subnet}.{number.ToString(CultureInfo.InvariantCulture)}", $"opv{_id}{number.ToString(CultureInfo.InvariantCulture)}");
        var inner = $"opi{_id}{number.ToString(CultureInfo.InvariantCulture)}";
        Ip("netns", "add", host.Namespace);
        _hosts.Add(host);
        Ip("link", "add", host.Link, "type", "veth", "peer", "name", inner);
        Ip("link", "set", inner, "netns", host.Namespace);
        Ip("link", "set", host.Link, "master", Bridge, "up");
        Ip("netns", "exec", host.Namespace, "ip", "addr", "add", $"{host.Address}/24", "dev", inner);
        Ip("netns", "exec", host.Namespace, "ip", "link", "set", inner, "up");
        Ip("netns", "exec", host.Namespace, "ip", "link", "set", "lo", "up");
        return host;
    }

    /// <summary>The command prefix that runs a program inside <paramref name="host"/>'s namespace (`ip netns exec NS`).</summary>
    public static IReadOnlyList<string> Launcher(NetworkHost host) => ["ip", "netns", "exec", host.Namespace];

    /// <summary>Starts <paramref name="fileName"/> inside <paramref name="host"/>'s namespace (the process is the program itself: `ip netns exec` execs it).</summary>
    public static ChildProcess Start(NetworkHost host, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath) =>
        ChildProcess.Start("ip", ["netns", "exec", host.Namespace, fileName, .. arguments], environment, logPath);

    /// <summary>Cuts <paramref name="host"/> off the bridge: no packet in or out, as a pulled cable.</summary>
    public static void CutLink(NetworkHost host) => Ip("link", "set", host.Link, "down");

    /// <summary>Puts <paramref name="host"/>'s cable back.</summary>
    public static void RestoreLink(NetworkHost host) => Ip("link", "set", host.Link, "up");

    /// <summary>Removes every namespace and the bridge, best effort (a leftover is named by its random id; nothing else is touched).</summary>
    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            Execute("ip", ["link", "del", host.Link]);
            Execute("ip", ["netns", "del", host.Namespace]);
        }

        _hosts.Clear();
        if (_bridgeCreated)
        {
            Execute("ip", ["link", "del", Bridge]);
            _bridgeCreated = false;
        }
    }

    private static void Ip(params string[] arguments)
    {
        var (code, _, error) = Execute("ip", arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} exited with {code}: {error.Trim()}");
        }
    }

    private static (int Code, string Output, string Error) Execute(string fileName, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
