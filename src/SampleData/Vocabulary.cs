using System.Text;

namespace OrleansProc.SampleData;

/// <summary>
/// The fixed word list of the comments: 5,000 distinct lowercase pseudo-words built from syllables with a fixed
/// seed, some holding non-ASCII letters (é, ü, ß, ø, ç, å). The same for every seed and part.
/// </summary>
internal static class Vocabulary
{
    public const int Size = 5000;

    private static readonly string[] s_onsets =
        ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "st", "tr", "sch", "pl", "gr", "kr"];

    private static readonly string[] s_vowels =
        ["a", "e", "i", "o", "u", "a", "e", "i", "o", "u", "ei", "ou", "ia", "é", "ü", "ø", "å"];

    private static readonly string[] s_codas =
        ["", "", "", "", "n", "r", "s", "l", "t", "m", "ß", "ç", "nd", "rk"];

    public static IReadOnlyList<string> Words { get; } = Build();

    private static string[] Build()
    {
        var random = new Prng(0x0C0FFEE5EEDUL);
        var words = new List<string>(Size);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        while (words.Count < Size)
        {
            builder.Clear();
            var syllables = 1 + random.Next(3);
            for (var i = 0; i < syllables; i++)
            {
                builder.Append(s_onsets[random.Next(s_onsets.Length)]);
                builder.Append(s_vowels[random.Next(s_vowels.Length)]);
                if (i == syllables - 1 || random.Chance(0.3))
                {
                    builder.Append(s_codas[random.Next(s_codas.Length)]);
                }
            }

            var word = builder.ToString();
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }

        return [.. words];
    }
}
