namespace OrleansProc.TestSupport;

/// <summary>
/// Wakes the waiters of a thing that changes (a process's output, a log of requests, a set of spans) each time it
/// changes, so that a test waits for the change instead of polling on a timer. Take <see cref="Next"/> before reading
/// the thing, so that a change in between is not missed.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>A task that completes at the next <see cref="Raise"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Says that the thing changed: completes the waiters' task and starts the next one.</summary>
    public void Raise() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, checking it at once and after each change of any of
    /// <paramref name="signals"/>; a <see cref="TimeoutException"/> naming <paramref name="what"/> after
    /// <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitUntilAsync(IReadOnlyList<ChangeSignal> signals, Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = Task.WhenAny(signals.Select(signal => signal.Next));
            if (condition())
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"not seen within {timeout}: {what}");
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
