using OrleansProc.TestSupport;
using OrleansProc.Client.Jobs;

namespace OrleansProc.Client.Tests.Jobs;

public sealed class ProgressReporterTests
{
    [Fact]
    public void Report_NotATerminal_APlainLineAtMostEveryTwoSeconds()
    {
        var error = new StringWriter { NewLine = "\n" };
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var progress = new ProgressReporter(error, isTerminal: false, time);

        progress.Report("a");
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Report("b");
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Report("c");
        progress.Report("d");
        progress.Complete("done");

        Assert.Equal("a\nc\ndone\n", error.ToString());
    }

    [Fact]
    public void Report_OnATerminal_RedrawsOneLineInPlace()
    {
        var error = new StringWriter { NewLine = "\n" };
        var progress = new ProgressReporter(error, isTerminal: true, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        progress.Report("longer line");
        progress.Report("short");
        progress.Complete();

        Assert.Equal("\rlonger line\rshort      \rshort\n", error.ToString());
    }

    [Fact]
    public void Clear_OnATerminal_BlanksTheLine()
    {
        var error = new StringWriter { NewLine = "\n" };
        var progress = new ProgressReporter(error, isTerminal: true, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        progress.Report("abc");
        progress.Clear();

        Assert.Equal("\rabc\r   \r", error.ToString());
    }

    [Fact]
    public void Report_OnANarrowTerminal_CutToFit()
    {
        var error = new StringWriter { NewLine = "\n" };
        var progress = new ProgressReporter(error, isTerminal: true, new ManualTimeProvider(DateTimeOffset.UnixEpoch), terminalWidth: 6);

        progress.Report("0123456789");

        Assert.Equal("\r01234", error.ToString());
    }
}
