using System.Collections.Concurrent;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// A test silo's gate on partition attempts: the attempts of a held query (by its SQL text) wait before they read
/// their input, but for the first few, until the test opens the gate. Lets a test change a dataset between the
/// attempts of one job.
/// </summary>
public sealed class AttemptGate
{
    private readonly ConcurrentDictionary<string, AttemptHold> _holds = new(StringComparer.Ordinal);

    /// <summary>Holds the attempts of <paramref name="sql"/> on this silo, but for the first <paramref name="pass"/>.</summary>
    public void Hold(string sql, int pass) => _holds[sql] = new AttemptHold(pass);

    /// <summary>Lets every held and later attempt of <paramref name="sql"/> go on.</summary>
    public void Open(string sql)
    {
        if (_holds.TryGetValue(sql, out var hold))
        {
            hold.Open();
        }
    }

    /// <summary>The hold of <paramref name="sql"/>, or null when it is not held.</summary>
    public AttemptHold? For(string? sql) => sql is not null && _holds.TryGetValue(sql, out var hold) ? hold : null;
}
