using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace OrleansProc.Silo.Hosting;

/// <summary>
/// The address a silo advertises in the membership table, where other silos and clients find it. A container does
/// not know its address before it starts, so besides a literal address there are two ways to find it at start:
/// ORLEANSPROC_ADVERTISED_IP=auto takes the first IPv4 address (not loopback, not link-local) of this host's network
/// interfaces, in interface order (in a container with one network: its address on that network);
/// ORLEANSPROC_ADVERTISED_HOST=NAME resolves NAME by DNS (a compose service name, a pod's host name) and takes its
/// first IPv4 address, else its first address. Neither set: 127.0.0.1. Both set: an error.
/// </summary>
public static class AdvertisedAddressResolver
{
    public const string IpVariable = "ORLEANSPROC_ADVERTISED_IP";

    public const string HostVariable = "ORLEANSPROC_ADVERTISED_HOST";

    /// <summary>The ORLEANSPROC_ADVERTISED_IP value that picks the host's own address.</summary>
    public const string Auto = "auto";

    /// <summary>Resolves with this host's network interfaces and DNS.</summary>
    public static IPAddress Resolve(string? ip, string? host) => Resolve(ip, host, LocalInterfaceAddresses, Dns.GetHostAddresses);

    /// <param name="ip">ORLEANSPROC_ADVERTISED_IP, or null when unset.</param>
    /// <param name="host">ORLEANSPROC_ADVERTISED_HOST, or null when unset.</param>
    /// <param name="localAddresses">The addresses of the host's usable network interfaces, in interface order.</param>
    /// <param name="lookup">DNS: a host name to its addresses.</param>
    public static IPAddress Resolve(string? ip, string? host, Func<IEnumerable<IPAddress>> localAddresses, Func<string, IPAddress[]> lookup)
    {
        if (ip is not null && host is not null)
        {
            throw new InvalidOperationException($"{IpVariable} '{ip}' and {HostVariable} '{host}' are both set: set one of them");
        }

        if (host is not null)
        {
            return FromHost(host, lookup);
        }

        if (ip is null)
        {
            return IPAddress.Loopback;
        }

        if (string.Equals(ip, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return localAddresses().FirstOrDefault(IsRoutableIPv4)
                ?? throw new InvalidOperationException(
                    $"{IpVariable}={Auto}: this host has no network interface with an IPv4 address other than loopback and link-local; set {IpVariable} to the address or {HostVariable} to a name");
        }

        return IPAddress.TryParse(ip, out var address)
            ? address
            : throw new InvalidOperationException($"{IpVariable} '{ip}' is not an IP address (nor '{Auto}')");
    }

    /// <summary>The unicast addresses of the interfaces that are up (or whose state the OS does not report) and not loopback.</summary>
    public static IEnumerable<IPAddress> LocalInterfaceAddresses() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(nic => nic.NetworkInterfaceType != NetworkInterfaceType.Loopback
            && nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
        .SelectMany(nic => nic.GetIPProperties().UnicastAddresses.Select(unicast => unicast.Address));

    private static IPAddress FromHost(string host, Func<string, IPAddress[]> lookup)
    {
        IPAddress[] addresses;
        try
        {
            addresses = lookup(host);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"{HostVariable} '{host}' does not resolve: {e.Message}", e);
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"{HostVariable} '{host}' resolves to no address");
    }

    private static bool IsRoutableIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(address))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        return !(bytes[0] == 169 && bytes[1] == 254);
    }
}
