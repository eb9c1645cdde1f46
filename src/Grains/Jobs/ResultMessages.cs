using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// How a result goes to a client in one message: whole when it is small, else its first rows and the name of the blob
/// that holds it whole (<see cref="JobResult.ResultBlob"/>), so no message carries a huge result.
/// </summary>
public static class ResultMessages
{
    /// <summary>What a cell costs beyond its text (its length, a null marker): an estimate, on the safe side.</summary>
    private const int CellOverhead = 8;

    /// <summary>The result as one message of at most about <paramref name="maxBytes"/>.</summary>
    /// <param name="result">The whole result.</param>
    /// <param name="maxBytes">The message budget for the rows.</param>
    /// <param name="blob">Where the whole result is, <c>CONTAINER/PATH</c>.</param>
    public static JobResult ForMessage(JobResult result, long maxBytes, string blob)
    {
        ArgumentNullException.ThrowIfNull(result);
        long bytes = 0;
        var fit = 0;
        foreach (var row in result.Rows)
        {
            bytes += RowBytes(row);
            if (bytes > maxBytes)
            {
                return result with { Rows = result.Rows.Take(fit).ToList(), ResultBlob = blob };
            }

            fit++;
        }

        return result;
    }

    private static long RowBytes(IReadOnlyList<string?> row)
    {
        long bytes = 0;
        foreach (var cell in row)
        {
            bytes += (cell?.Length ?? 0) * 2L + CellOverhead;
        }

        return bytes;
    }
}
