using Orleans.Core;
using Orleans.Storage;

namespace OrleansProc.Grains.Jobs;

/// <summary>Writes of a coordinator's state, fenced: every write is conditional on the ETag this activation last saw.</summary>
public static class JobStateWrites
{
    private const int MaxOwnConflicts = 3;

    /// <summary>
    /// Writes the state if this activation is still in charge of the job. A write conflict means the stored state
    /// moved on: when the stored state's <see cref="JobRecord.Owner"/> is this activation's, it is this activation's
    /// own write that landed although it seemed to fail (a storage outage), and the state is written again over it;
    /// when it is another's, another activation took the job over: nothing is written and false is returned (this
    /// activation must stop: no notification, no cleanup, no further write).
    /// </summary>
    /// <param name="state">The coordinator's state.</param>
    /// <param name="onOwnWrite">Told the first line of a conflict with this activation's own landed write.</param>
    /// <returns>True when written; false when another activation is in charge.</returns>
    public static async Task<bool> WriteFencedAsync(this IStorage<JobRecord> state, Action<string> onOwnWrite)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(onOwnWrite);
        for (var conflicts = 0; ; conflicts++)
        {
            try
            {
                await state.WriteStateAsync();
                return true;
            }
            catch (InconsistentStateException e) when (conflicts < MaxOwnConflicts)
            {
                var mine = state.State;
                JobRecord stored;
                try
                {
                    await state.ReadStateAsync();
                    stored = state.State;
                }
                finally
                {
                    state.State = mine;
                }

                if (mine.Owner is null || !string.Equals(stored.Owner, mine.Owner, StringComparison.Ordinal))
                {
                    return false;
                }

                onOwnWrite(CallFailures.FirstLine(e));
            }
        }
    }
}
