using Orleans.Storage;

namespace OrleansProc.Grains.Jobs;

/// <summary>Writes of a coordinator's state.</summary>
public static class JobStateWrites
{
    /// <summary>
    /// Writes the state. A write that failed for this activation during a storage outage may still have landed, and
    /// then the stored ETag has moved on and every later write is refused as a conflict: this activation is the job's
    /// only writer, so it takes the stored ETag and writes its state again.
    /// </summary>
    /// <param name="state">The coordinator's state.</param>
    /// <param name="onConflict">Told the first line of a conflict before the state is written again.</param>
    public static async Task WriteOverConflictAsync(this IPersistentState<JobRecord> state, Action<string> onConflict)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(onConflict);
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            onConflict(CallFailures.FirstLine(e));
            var mine = state.State;
            try
            {
                await state.ReadStateAsync();
            }
            finally
            {
                state.State = mine;
            }

            await state.WriteStateAsync();
        }
    }
}
