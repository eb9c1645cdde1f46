using System.Diagnostics;
using OrleansProc.Bench.Cluster;

namespace OrleansProc.Bench.Tests.Cluster;

public sealed class ProcessStatsTests
{
    [Fact]
    public void ChildProcessIds_ChildWaitingOnInput_Listed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc is Linux's
        }

        using var child = Process.Start(new ProcessStartInfo("cat") { RedirectStandardInput = true, UseShellExecute = false })!;
        try
        {
            var children = ProcessStats.ChildProcessIds(Environment.ProcessId);

            Assert.Contains(child.Id, children);
            Assert.DoesNotContain(Environment.ProcessId, children);
            Assert.Empty(ProcessStats.ChildProcessIds(child.Id));
        }
        finally
        {
            child.StandardInput.Close();
            child.WaitForExit();
        }
    }

    [Fact]
    public void CpuSecondsAndPeakBytes_NoSuchProcess_ZeroAndNull()
    {
        Assert.Equal(0, ProcessStats.CpuSeconds(int.MaxValue));
        Assert.Null(ProcessStats.PeakBytes(int.MaxValue));
    }
}
