namespace OrleansProc.Client.Cli;

/// <summary>Turns Ctrl+C into a cancellation token instead of ending the process, so commands can detach cleanly.</summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public InterruptSignal()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return; // a second Ctrl+C ends the process the usual way
        }

        e.Cancel = true;
        _source.Cancel();
    }
}
