using System.Globalization;
using System.Text;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// A path into a JSON value, as DuckDB's JSON functions take it: JSONPath (<c>$</c>, <c>$.a.b</c>,
/// <c>$."a key"</c>, <c>$.a[0]</c>, <c>$[#-1]</c> for the last element), a JSON pointer (<c>/a/0</c>, with
/// <c>~1</c> for '/' and <c>~0</c> for '~'), or a bare key (<c>a</c> is <c>$."a"</c>). Wildcards are not supported.
/// </summary>
internal sealed class JsonPath
{
    private JsonPath(IReadOnlyList<JsonPathStep> steps)
    {
        Steps = steps;
    }

    /// <summary>The steps from the root.</summary>
    public IReadOnlyList<JsonPathStep> Steps { get; }

    /// <summary>Parses <paramref name="text"/>; null with the reason when it is not a path this supports.</summary>
    public static JsonPath? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (text.StartsWith('$'))
        {
            return ParseJsonPath(text, out error);
        }

        if (text.StartsWith('/'))
        {
            var steps = new List<JsonPathStep>();
            foreach (var segment in text[1..].Split('/'))
            {
                var key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                var index = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
                steps.Add(new JsonPathStep(key, index, false));
            }

            return new JsonPath(text.Length == 1 ? [] : steps);
        }

        return new JsonPath([new JsonPathStep(text, -1, false)]);
    }

    private static JsonPath? ParseJsonPath(string text, out string? error)
    {
        error = null;
        var steps = new List<JsonPathStep>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                if (i < text.Length && text[i] == '"')
                {
                    var key = new StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length)
                        {
                            i++;
                        }

                        key.Append(text[i++]);
                    }

                    if (i == text.Length)
                    {
                        error = "a quoted key is not closed";
                        return null;
                    }

                    i++;
                    steps.Add(new JsonPathStep(key.ToString(), -1, false));
                    continue;
                }

                var end = text.IndexOfAny(['.', '['], i);
                end = end < 0 ? text.Length : end;
                var name = text[i..end];
                if (name.Length == 0 || name == "*")
                {
                    error = name.Length == 0 ? $"an empty key at character {i + 1}" : "wildcards are not supported";
                    return null;
                }

                steps.Add(new JsonPathStep(name, -1, false));
                i = end;
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = "a '[' is not closed";
                    return null;
                }

                var inside = text[(i + 1)..close].Trim();
                var fromEnd = inside.StartsWith("#-", StringComparison.Ordinal);
                var digits = fromEnd ? inside[2..].Trim() : inside;
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || (fromEnd && index == 0))
                {
                    error = inside == "*" ? "wildcards are not supported" : $"'[{inside}]' is not an array index (n or #-n)";
                    return null;
                }

                steps.Add(new JsonPathStep(null, index, fromEnd));
                i = close + 1;
            }
            else
            {
                error = $"unexpected '{text[i]}' at character {i + 1}";
                return null;
            }
        }

        return new JsonPath(steps);
    }
}
