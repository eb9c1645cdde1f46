using System.Text;

namespace OrleansProc.Grains.Storage;

/// <summary>
/// A transform's output blob is committed once, by the coordinator, from the blocks of the one attempt it recorded:
/// each attempt only stages blocks whose ids name the attempt, so a presumed-dead attempt that goes on writing can
/// never put its rows in the output (its blocks stay uncommitted and are discarded).
/// </summary>
public static class OutputBlocks
{
    /// <summary>The id of block <paramref name="block"/> of attempt <paramref name="attempt"/> (all ids of a blob have one length).</summary>
    public static string Id(int attempt, int block) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"a{attempt:D6}-b{block:D6}"));

    /// <summary>The attempt a block id names, or -1 when it is not one of ours.</summary>
    public static int AttemptOf(string id)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(id));
            return text.Length == 15 && text[0] == 'a' && int.TryParse(text.AsSpan(1, 6), out var attempt) ? attempt : -1;
        }
        catch (FormatException)
        {
            return -1;
        }
    }

    public static IReadOnlyList<string> Ids(int attempt, int blocks) =>
        Enumerable.Range(0, blocks).Select(b => Id(attempt, b)).ToList();
}
