using System.Text;
using System.Text.RegularExpressions;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// Rewrites an RE2 pattern (DuckDB's regex syntax) into a .NET pattern that means the same where the two differ:
/// <c>\d \w \s</c> (and their negations) are ASCII classes in RE2, POSIX classes such as <c>[[:alpha:]]</c> exist,
/// <c>$</c> without the <c>m</c> flag is the very end of the text, and named groups may be written <c>(?P&lt;name&gt;...)</c>.
/// </summary>
internal static partial class Re2Pattern
{
    private const string Digit = "0-9";
    private const string Word = "0-9A-Za-z_";
    private const string Space = "\\t\\n\\f\\r ";

    public static string ToDotNet(string pattern)
    {
        var multiline = MultilineFlag().IsMatch(pattern);
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                sb.Append((next, inClass) switch
                {
                    ('d', false) => $"[{Digit}]",
                    ('D', false) => $"[^{Digit}]",
                    ('w', false) => $"[{Word}]",
                    ('W', false) => $"[^{Word}]",
                    ('s', false) => $"[{Space}]",
                    ('S', false) => $"[^{Space}]",
                    ('d', true) => Digit,
                    ('w', true) => Word,
                    ('s', true) => Space,
                    _ => pattern.Substring(i - 1, 2),
                });
                continue;
            }

            if (inClass)
            {
                if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':' && TryPosixClass(pattern, i, out var members, out var end))
                {
                    sb.Append(members);
                    i = end;
                    continue;
                }

                inClass = c != ']';
                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        sb.Append(pattern[++i]);
                    }

                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        sb.Append("\\]");
                        i++;
                    }

                    break;
                case '$' when !multiline:
                    sb.Append("\\z");
                    break;
                case '(' when pattern.AsSpan(i).StartsWith("(?P<", StringComparison.Ordinal):
                    sb.Append("(?<");
                    i += 3;
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>The members of the POSIX class <c>[:name:]</c> that starts at <paramref name="start"/> inside a class.</summary>
    private static bool TryPosixClass(string pattern, int start, out string members, out int end)
    {
        members = string.Empty;
        end = pattern.IndexOf(":]", start + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        members = pattern[(start + 2)..end] switch
        {
            "alnum" => "0-9A-Za-z",
            "alpha" => "A-Za-z",
            "ascii" => "\\x00-\\x7F",
            "blank" => "\\t ",
            "cntrl" => "\\x00-\\x1F\\x7F",
            "digit" => Digit,
            "graph" => "!-~",
            "lower" => "a-z",
            "print" => " -~",
            "punct" => "!-/:-@\\[-`{-~",
            "space" => "\\t\\n\\v\\f\\r ",
            "upper" => "A-Z",
            "word" => Word,
            "xdigit" => "0-9A-Fa-f",
            _ => string.Empty,
        };
        end++;
        return members.Length > 0;
    }

    [GeneratedRegex(@"\(\?[a-zA-Z]*m")]
    private static partial Regex MultilineFlag();
}
