using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>
/// <c>SHA256_ROUNDS(text, n)</c>: SHA-256 of the text's UTF-8 bytes, then n - 1 more rounds each hashing the previous
/// 32-byte digest; the last digest in lowercase hex. Heavy work per record on purpose: the CPU-bound job of the
/// benchmarks (Python: <c>h = sha256(text.encode()).digest()</c>, then <c>h = sha256(h).digest()</c> n - 1 times).
/// Each thread reuses one <see cref="IncrementalHash"/>: the one-shot <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// fetches the digest from OpenSSL on every call, and those fetches serialize threads of one process (measured: two
/// threads hashing no faster than one), where a reused context scales with the cores.
/// </summary>
internal sealed class Sha256RoundsEvaluator(Evaluator text, int rounds) : Evaluator(SqlType.Varchar)
{
    /// <summary>The most rounds a query may ask for per value.</summary>
    public const int MaxRounds = 1_000_000;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var v = text.Evaluate(row);
        return v.IsNull ? SqlValue.Null : SqlValue.FromText(Hash(v.Text, rounds));
    }

    public static string Hash(string text, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            sha256.AppendData(rented, 0, written);
            sha256.GetHashAndReset(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        for (var i = 1; i < rounds; i++)
        {
            sha256.AppendData(digest);
            sha256.GetHashAndReset(digest);
        }

        return Convert.ToHexStringLower(digest);
    }
}
