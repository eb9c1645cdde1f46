using System.Net;
using System.Net.Sockets;
using OrleansProc.Silo.Hosting;

namespace OrleansProc.Infra.Tests.Addressing;

/// <summary>How a silo finds the address it advertises: a literal, "auto" (its interfaces), or a host name (DNS).</summary>
public sealed class AdvertisedAddressResolverTests
{
    private static readonly IPAddress[] s_interfaces =
    [
        IPAddress.Parse("fe80::1"),
        IPAddress.Parse("169.254.3.4"),
        IPAddress.Parse("2001:db8::7"),
        IPAddress.Parse("127.0.0.1"),
        IPAddress.Parse("192.0.2.7"),
        IPAddress.Parse("198.51.100.9"),
    ];

    [Fact]
    public void Resolve_NeitherSet_Loopback()
    {
        Assert.Equal(IPAddress.Loopback, AdvertisedAddressResolver.Resolve(null, null, NoInterfaces, NoDns));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8::42")]
    public void Resolve_Literal_ThatAddress(string literal)
    {
        Assert.Equal(IPAddress.Parse(literal), AdvertisedAddressResolver.Resolve(literal, null, NoInterfaces, NoDns));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void Resolve_Auto_FirstIPv4ThatIsNeitherLoopbackNorLinkLocal(string auto)
    {
        var expected = s_interfaces.First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && a.GetAddressBytes()[0] != 169);

        Assert.Equal(expected, AdvertisedAddressResolver.Resolve(auto, null, () => s_interfaces, NoDns));
    }

    [Fact]
    public void Resolve_AutoWithoutAUsableInterface_ErrorSaysWhatToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AdvertisedAddressResolver.Resolve("auto", null, () => s_interfaces.Where(a => a.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(a) || a.GetAddressBytes()[0] == 169), NoDns));

        Assert.Contains(AdvertisedAddressResolver.IpVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(AdvertisedAddressResolver.HostVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Host_FirstIPv4ItResolvesTo()
    {
        IPAddress[] answer = [IPAddress.Parse("2001:db8::5"), IPAddress.Parse("203.0.113.4"), IPAddress.Parse("203.0.113.5")];
        var asked = new List<string>();

        var address = AdvertisedAddressResolver.Resolve(null, "silo2", NoInterfaces, name => { asked.Add(name); return answer; });

        Assert.Equal(answer[1], address);
        Assert.Equal(["silo2"], asked);
    }

    [Fact]
    public void Resolve_HostWithOnlyIPv6_ThatAddress()
    {
        var only = IPAddress.Parse("2001:db8::5");

        Assert.Equal(only, AdvertisedAddressResolver.Resolve(null, "silo2", NoInterfaces, _ => [only]));
    }

    [Fact]
    public void Resolve_HostThatDoesNotResolve_ErrorNamesTheHost()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AdvertisedAddressResolver.Resolve(null, "no-such-silo", NoInterfaces, _ => throw new SocketException((int)SocketError.HostNotFound)));

        Assert.Contains("ORLEANSPROC_ADVERTISED_HOST 'no-such-silo' does not resolve", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BothSet_ErrorNamesBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AdvertisedAddressResolver.Resolve("auto", "silo1", () => s_interfaces, _ => [IPAddress.Loopback]));

        Assert.Contains(AdvertisedAddressResolver.IpVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(AdvertisedAddressResolver.HostVariable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("300.1.1.1")]
    public void Resolve_NotAnAddress_ErrorNamesTheValue(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AdvertisedAddressResolver.Resolve(value, null, () => s_interfaces, NoDns));

        Assert.Contains($"'{value}' is not an IP address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_LocalhostByRealDns_Loopback()
    {
        Assert.True(IPAddress.IsLoopback(AdvertisedAddressResolver.Resolve(null, "localhost")));
    }

    /// <summary>
    /// On this machine: the kernel's own list of interfaces that are up (sysfs, not .NET's API) says whether "auto" must
    /// find an address; the address found must be one this machine owns (a socket binds to it; no packet is sent).
    /// </summary>
    [Fact]
    public void Resolve_AutoOnThisMachine_AnAddressThisMachineOwns()
    {
        var up = Directory.Exists("/sys/class/net")
            ? Directory.EnumerateDirectories("/sys/class/net")
                .Where(nic => Path.GetFileName(nic) != "lo" && File.Exists(Path.Combine(nic, "operstate")))
                .Where(nic => File.ReadAllText(Path.Combine(nic, "operstate")).Trim() is "up" or "unknown")
                .ToList()
            : null;
        IPAddress address;
        try
        {
            address = AdvertisedAddressResolver.Resolve("auto", null);
        }
        catch (InvalidOperationException) when (up is { Count: 0 })
        {
            return; // no interface but loopback here: the error is the right answer
        }

        Assert.Equal(AddressFamily.InterNetwork, address.AddressFamily);
        Assert.False(IPAddress.IsLoopback(address));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        Assert.Equal(address, ((IPEndPoint)socket.LocalEndPoint!).Address);
    }

    private static IEnumerable<IPAddress> NoInterfaces() => throw new InvalidOperationException("interfaces were not to be read");

    private static IPAddress[] NoDns(string name) => throw new InvalidOperationException($"DNS was not to be asked for {name}");
}
