namespace OrleansProc.Grains.Jobs;

/// <summary>For calls whose failure is handled where they are made (logged, retried later), not thrown.</summary>
public static class CallFailures
{
    /// <summary>Runs the call: its exception, or null when it succeeded. Cancellation still throws.</summary>
    public static async Task<Exception?> OfAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e;
        }
    }

    /// <summary>Runs the call and hands its exception, if any, to <paramref name="handle"/>. Cancellation still throws.</summary>
    public static async Task OnFailureAsync(Func<Task> call, Action<Exception> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (await OfAsync(call) is { } failure)
        {
            handle(failure);
        }
    }

    /// <summary>The first line of an error's message (storage errors carry the whole response after it).</summary>
    public static string FirstLine(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Message.Split('\n', 2)[0].Trim();
    }
}
