using System.Text;

namespace OrleansProc.Engine.WordCount;

/// <summary>
/// The word count's view of every character of two UTF-8 bytes (U+0080 to U+07FF: Latin-1, Latin Extended, Greek,
/// Cyrillic, Hebrew, Arabic...): whether its invariant lowercase is a letter, and that lowercase's UTF-8 bytes. The
/// same answers as <see cref="Rune.ToLowerInvariant"/> and <see cref="Rune.IsLetter"/>, looked up rather than computed.
/// </summary>
internal static class TwoByteLetters
{
    /// <summary>The first code point of two UTF-8 bytes.</summary>
    public const int First = 0x80;

    /// <summary>The last code point of two UTF-8 bytes.</summary>
    public const int Last = 0x7FF;

    /// <summary>
    /// Indexed by code point less <see cref="First"/>: 0 when the lowercase is not a letter, else the lowercase's UTF-8
    /// length (1 to 3) in the low byte and its bytes in the next three, first byte lowest.
    /// </summary>
    private static readonly uint[] s_lowercase = Create();

    /// <summary>The packed lowercase of the character <paramref name="codePoint"/> (<see cref="First"/> to <see cref="Last"/>); 0 for a non-letter.</summary>
    public static uint Lowercase(int codePoint) => s_lowercase[codePoint - First];

    private static uint[] Create()
    {
        var table = new uint[Last - First + 1];
        Span<byte> bytes = stackalloc byte[4];
        for (var c = First; c <= Last; c++)
        {
            var lower = Rune.ToLowerInvariant(new Rune(c));
            if (!Rune.IsLetter(lower))
            {
                continue;
            }

            var length = lower.EncodeToUtf8(bytes);
            var packed = (uint)length;
            for (var i = 0; i < length; i++)
            {
                packed |= (uint)bytes[i] << (8 * (i + 1));
            }

            table[c - First] = packed;
        }

        return table;
    }
}
