namespace OrleansProc.Client.Local;

/// <summary>
/// Reports progress on the reporting thread, one report at a time, and none after <see cref="Stop"/>
/// (<see cref="Progress{T}"/> posts to the thread pool, so its reports can land after the result was printed).
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();
    private bool _stopped;

    public void Report(T value)
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                handler(value);
            }
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
        }
    }
}
