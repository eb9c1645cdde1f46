using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Unicode;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Tells whether bytes are valid UTF-8 (the same answer as <see cref="Utf8.IsValid"/>), 32 bytes at a time with AVX2:
/// the lookup algorithm of Keiser and Lemire, "Validating UTF-8 in less than one instruction per byte" (2021), as
/// simdjson and simdutf implement it. Three table lookups classify each pair of adjacent bytes into error kinds;
/// two shifted copies of the input check that 3- and 4-byte sequences have their continuation bytes. Text with
/// non-ASCII letters every few bytes (where the runtime's validator leaves its ASCII fast path) is validated at
/// several bytes per cycle. Without AVX2 it is <see cref="Utf8.IsValid"/>.
/// </summary>
internal static class Utf8Validator
{
    // Error kinds of a pair of bytes (first byte's high nibble, first byte's low nibble, second byte's high nibble).
    private const byte TooShort = 1 << 0; // a lead byte or ASCII followed by a lead byte or ASCII, where a continuation was due
    private const byte TooLong = 1 << 1; // ASCII followed by a continuation
    private const byte Overlong3 = 1 << 2; // E0 followed by 80..9F
    private const byte TooLarge = 1 << 3; // F4 followed by 90..BF, or F5..FF
    private const byte Surrogate = 1 << 4; // ED followed by A0..BF
    private const byte Overlong2 = 1 << 5; // C0 or C1
    private const byte TooLarge1000 = 1 << 6; // F5..FF followed by 80..8F
    private const byte Overlong4 = 1 << 6; // F0 followed by 80..8F
    private const byte TwoContinuations = 1 << 7; // a continuation followed by a continuation
    private const byte Carry = TooShort | TooLong | TwoContinuations;

    private static readonly Vector256<byte> s_byte1High = Twice(
        TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong,
        TwoContinuations, TwoContinuations, TwoContinuations, TwoContinuations,
        TooShort | Overlong2,
        TooShort,
        TooShort | Overlong3 | Surrogate,
        TooShort | TooLarge | TooLarge1000 | Overlong4);

    private static readonly Vector256<byte> s_byte1Low = Twice(
        Carry | Overlong3 | Overlong2 | Overlong4,
        Carry | Overlong2,
        Carry,
        Carry,
        Carry | TooLarge,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000 | Surrogate,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000);

    private static readonly Vector256<byte> s_byte2High = Twice(
        TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort,
        TooLong | Overlong2 | TwoContinuations | Overlong3 | TooLarge1000 | Overlong4,
        TooLong | Overlong2 | TwoContinuations | Overlong3 | TooLarge,
        TooLong | Overlong2 | TwoContinuations | Surrogate | TooLarge,
        TooLong | Overlong2 | TwoContinuations | Surrogate | TooLarge,
        TooShort, TooShort, TooShort, TooShort);

    /// <summary>
    /// The largest byte allowed at each position of the last block for a sequence not to be cut by the block end:
    /// no lead of a 4-byte sequence in the last 3 bytes, of a 3-byte one in the last 2, of a 2-byte one in the last.
    /// </summary>
    private static readonly Vector256<byte> s_incompleteLimits = Vector256.Create(
        (byte)255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1);

    /// <summary>True when <paramref name="utf8"/> is valid UTF-8.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8) => Avx2.IsSupported ? IsValidAvx2(utf8) : Utf8.IsValid(utf8);

    private static bool IsValidAvx2(ReadOnlySpan<byte> utf8)
    {
        ref var origin = ref MemoryMarshal.GetReference(utf8);
        var state = new State(s_byte1High, s_byte1Low, s_byte2High, s_incompleteLimits);
        var offset = 0;
        for (; offset <= utf8.Length - Vector256<byte>.Count; offset += Vector256<byte>.Count)
        {
            state.Check(Vector256.LoadUnsafe(ref origin, (nuint)offset));
        }

        if (offset < utf8.Length)
        {
            // The tail, padded with zeros (ASCII): a sequence cut by the end is then too short.
            Span<byte> tail = stackalloc byte[Vector256<byte>.Count];
            tail.Clear();
            utf8[offset..].CopyTo(tail);
            state.Check(Vector256.Create<byte>(tail));
        }

        return (state.Error | state.PreviousIncomplete) == Vector256<byte>.Zero;
    }

    private static Vector256<byte> Twice(params ReadOnlySpan<byte> table)
    {
        Span<byte> both = stackalloc byte[32];
        table.CopyTo(both);
        table.CopyTo(both[16..]);
        return Vector256.Create<byte>(both);
    }

    /// <summary>The validation state carried from block to block, and the tables, held in registers.</summary>
    private struct State(Vector256<byte> byte1High, Vector256<byte> byte1Low, Vector256<byte> byte2High, Vector256<byte> incompleteLimits)
    {
        public Vector256<byte> Error;
        public Vector256<byte> PreviousIncomplete;
        private Vector256<byte> _previous;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Check(Vector256<byte> input)
        {
            if (input.ExtractMostSignificantBits() == 0)
            {
                // All ASCII: only a sequence left open by the previous block can be wrong.
                Error |= PreviousIncomplete;
                PreviousIncomplete = Vector256<byte>.Zero;
                _previous = input;
                return;
            }

            // The input shifted by 1, 2 and 3 bytes, with the previous block's last bytes shifted in.
            var carried = Avx2.Permute2x128(_previous, input, 0x21);
            var prev1 = Avx2.AlignRight(input, carried, 15);
            var prev2 = Avx2.AlignRight(input, carried, 14);
            var prev3 = Avx2.AlignRight(input, carried, 13);
            var lowNibble = Vector256.Create((byte)0x0F);
            var special = Avx2.Shuffle(byte1High, Vector256.ShiftRightLogical(prev1.AsUInt16(), 4).AsByte() & lowNibble)
                & Avx2.Shuffle(byte1Low, prev1 & lowNibble)
                & Avx2.Shuffle(byte2High, Vector256.ShiftRightLogical(input.AsUInt16(), 4).AsByte() & lowNibble);

            // Byte 2 after a 3- or 4-byte lead, or byte 3 after a 4-byte lead, must be a continuation (the 0x80 bit of special).
            var thirdByte = Avx2.SubtractSaturate(prev2, Vector256.Create((byte)(0xE0 - 0x80)));
            var fourthByte = Avx2.SubtractSaturate(prev3, Vector256.Create((byte)(0xF0 - 0x80)));
            Error |= ((thirdByte | fourthByte) & Vector256.Create((byte)0x80)) ^ special;
            PreviousIncomplete = Avx2.SubtractSaturate(input, incompleteLimits);
            _previous = input;
        }
    }
}
