using OrleansProc.Engine.Pipeline;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// The canonical text of a job's <c>--arg key=value</c> arguments, as <see cref="ProcessorSpec.Arguments"/> holds them:
/// one <c>key=value</c> per line, sorted by key (ordinal, case-insensitive), so equal arguments give equal specs.
/// </summary>
public static class ProcessorArgumentsText
{
    /// <summary>Parses <c>key=value</c> (the value may hold '=' and be empty).</summary>
    /// <exception cref="ArgumentException">There is no '=' or the key is empty.</exception>
    public static KeyValuePair<string, string> ParsePair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || string.IsNullOrWhiteSpace(text[..equals]))
        {
            throw new ArgumentException($"the argument '{text}' is not key=value (e.g. --arg rounds=100)", nameof(text));
        }

        return new(text[..equals].Trim(), text[(equals + 1)..]);
    }

    /// <summary>The canonical text of <paramref name="arguments"/>; a key given twice keeps its last value; null when there are none.</summary>
    /// <exception cref="ArgumentException">A key or value holds a line break.</exception>
    public static string? Format(IEnumerable<KeyValuePair<string, string>> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var byKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in arguments)
        {
            if (key.AsSpan().IndexOfAny('\r', '\n') >= 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"the argument '{key}' holds a line break", nameof(arguments));
            }

            byKey[key] = value;
        }

        return byKey.Count == 0
            ? null
            : string.Join('\n', byKey.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>The arguments of a canonical text (null or empty: none).</summary>
    public static ProcessorArguments Parse(string? text) =>
        string.IsNullOrEmpty(text)
            ? ProcessorArguments.Empty
            : new ProcessorArguments(text.Split('\n').Select(ParsePair));
}
