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
    public void EndedChildrenCpuSeconds_ChildThatComputedAndExited_Counted()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc is Linux's
        }

        var before = ProcessStats.EndedChildrenCpuSeconds(Environment.ProcessId);
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done");
        using (var child = Process.Start(start)!)
        {
            child.WaitForExit();
        }

        Assert.True(ProcessStats.EndedChildrenCpuSeconds(Environment.ProcessId) > before);
    }

    [Fact]
    public void LoadAverage_Linux_TheFirstFieldOfProcLoadavg()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc is Linux's
        }

        var before = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var load = ProcessStats.LoadAverage();

        Assert.NotNull(load);
        Assert.True(load >= 0);
        Assert.InRange(load.Value, before - 50, before + 50); // the same reading, give or take the seconds between
    }

    [Fact]
    public void CpuSecondsAndPeakBytes_NoSuchProcess_ZeroAndNull()
    {
        Assert.Equal(0, ProcessStats.CpuSeconds(int.MaxValue));
        Assert.Equal(0, ProcessStats.EndedChildrenCpuSeconds(int.MaxValue));
        Assert.Null(ProcessStats.PeakBytes(int.MaxValue));
    }
}
