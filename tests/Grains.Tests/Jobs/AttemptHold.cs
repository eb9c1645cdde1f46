namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>One held query of an <see cref="AttemptGate"/>: the first few attempts pass, the others wait for <see cref="Open"/> (a minute at most).</summary>
public sealed class AttemptHold(int pass)
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entered;

    /// <summary>How many attempts reached the gate.</summary>
    public int Entered => Volatile.Read(ref _entered);

    /// <summary>Called by an attempt before it reads: returns at once for the first attempts, else when the gate opens.</summary>
    public void Enter()
    {
        if (Interlocked.Increment(ref _entered) > pass && !_open.Task.Wait(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("the test never opened the attempt gate");
        }
    }

    public void Open() => _open.TrySetResult();
}
