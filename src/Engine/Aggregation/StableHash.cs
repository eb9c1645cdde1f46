using System.Runtime.InteropServices;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// A 64-bit hash of a <see cref="SqlValue"/> that is the same in every process (unlike <c>string.GetHashCode</c>),
/// so sketches built on different silos merge: FNV-1a over the value's bytes, finished by MurmurHash3's 64-bit mixer.
/// Values that are equal (<see cref="SqlValue.Equals(SqlValue)"/>, with -0.0 taken as 0.0) hash alike.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static ulong Of(in SqlValue value)
    {
        var h = FnvOffset ^ (byte)value.Type;
        switch (value.Type)
        {
            case SqlType.Varchar:
                foreach (var b in MemoryMarshal.AsBytes(value.Text.AsSpan()))
                {
                    h = (h ^ b) * FnvPrime;
                }

                break;
            case SqlType.Double:
                var d = value.Float64;
                h = Step(h, (ulong)BitConverter.DoubleToInt64Bits(d == 0 ? 0.0 : d));
                break;
            case SqlType.Null:
                break;
            default:
                h = Step(h, (ulong)value.Int64);
                break;
        }

        return Mix(h);
    }

    private static ulong Step(ulong h, ulong x) => (h ^ x) * FnvPrime;

    /// <summary>MurmurHash3's fmix64: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB93FE53E5A87;
        h ^= h >> 33;
        return h;
    }
}
