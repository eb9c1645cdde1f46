using System.Security.Cryptography;
using System.Text;
using OrleansProc.Sdk;

namespace OrleansProc.Samples;

/// <summary>
/// CPU-heavy on purpose: the SHA-256 of each comment's UTF-8 bytes, then <c>rounds - 1</c> more rounds over the digest
/// (as SQL's <c>SHA256_ROUNDS(comment, rounds)</c>), counted by the final digest's first hex digit. Records without a
/// comment are not counted. <c>--arg rounds=N</c> (default 1,000).
/// </summary>
[Processor("sha256-rounds", Description = "iterated SHA-256 of the comment column, counted by the digest's first hex digit (--arg rounds=N, default 1000)")]
public sealed class Sha256Rounds : AggregateProcessor<DigitCounts>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["comment"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns => [new("digit", ResultType.Text), new("n", ResultType.Integer)];

    /// <inheritdoc/>
    public override DigitCounts CreatePartial(ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rounds = context.Arguments.Get("rounds", 1000);
        if (rounds < 1)
        {
            throw new ProcessorArgumentException($"rounds must be at least 1, got {rounds}");
        }

        return new DigitCounts();
    }

    /// <inheritdoc/>
    public override void Process(IRecord record, DigitCounts state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        if (record.GetString(0) is not { } comment)
        {
            return;
        }

        state.Counts[Digest(comment, context.Arguments.Get("rounds", 1000))[0] >> 4]++;
    }

    /// <inheritdoc/>
    public override void Merge(DigitCounts target, DigitCounts source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        for (var i = 0; i < target.Counts.Count; i++)
        {
            target.Counts[i] += source.Counts[i];
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Finish(DigitCounts merged, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(merged);
        for (var i = 0; i < merged.Counts.Count; i++)
        {
            if (merged.Counts[i] > 0)
            {
                yield return ["0123456789abcdef"[i].ToString(), merged.Counts[i]];
            }
        }
    }

    /// <summary>The digest after <paramref name="rounds"/> rounds.</summary>
    public static byte[] Digest(string text, int rounds)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        for (var r = 1; r < rounds; r++)
        {
            SHA256.HashData(digest, digest);
        }

        return digest;
    }
}
