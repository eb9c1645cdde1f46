using System.Globalization;

namespace OrleansProc.Sdk;

/// <summary>
/// The arguments a job gives its processor (<c>--arg key=value</c>, repeatable), read typed. Keys compare
/// case-insensitively; values parse with the invariant culture.
/// </summary>
public sealed class ProcessorArguments
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Arguments from key/value pairs.</summary>
    public ProcessorArguments(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            _values[key] = value;
        }
    }

    /// <summary>No arguments.</summary>
    public static ProcessorArguments Empty { get; } = new([]);

    /// <summary>Every argument, as given.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>True when the argument was given.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>The argument parsed as <typeparamref name="T"/>, or <paramref name="defaultValue"/> when it was not given.</summary>
    /// <exception cref="ProcessorArgumentException">The value does not parse as <typeparamref name="T"/>.</exception>
    public T Get<T>(string key, T defaultValue)
        where T : IParsable<T> =>
        _values.TryGetValue(key, out var text) ? Parse<T>(key, text) : defaultValue;

    /// <summary>The argument parsed as <typeparamref name="T"/>.</summary>
    /// <exception cref="ProcessorArgumentException">The argument was not given, or does not parse as <typeparamref name="T"/>.</exception>
    public T GetRequired<T>(string key)
        where T : IParsable<T> =>
        _values.TryGetValue(key, out var text)
            ? Parse<T>(key, text)
            : throw new ProcessorArgumentException($"the processor needs the argument '{key}' (--arg {key}=VALUE)");

    private static T Parse<T>(string key, string text)
        where T : IParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProcessorArgumentException($"the argument '{key}={text}' is not a valid {typeof(T).Name}");
}
