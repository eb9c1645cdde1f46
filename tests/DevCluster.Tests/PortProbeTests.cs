namespace OrleansProc.DevCluster.Tests;

public sealed class PortProbeTests
{
    [Fact]
    public void FirstFree_SkipsTakenAndBusyPorts()
    {
        var busy = new HashSet<int> { 11112 };

        var port = PortProbe.FirstFree(11111, new HashSet<int> { 11111 }, p => !busy.Contains(p));

        Assert.Equal(11113, port);
    }
}
