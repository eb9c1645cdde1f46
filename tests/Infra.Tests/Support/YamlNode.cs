using System.Globalization;

namespace OrleansProc.Infra.Tests.Support;

/// <summary>
/// A read-only view of YAML loaded by YamlDotNet into maps, lists and strings. A missing key gives a missing node
/// (Exists false) instead of an exception, so a test can assert on it with a message.
/// </summary>
public readonly struct YamlNode(object? value, string path)
{
    public object? Value { get; } = value;

    public string Path { get; } = path;

    public bool Exists => Value is not null;

    public YamlNode this[string key] => Value is IDictionary<object, object> map && map.TryGetValue(key, out var child)
        ? new YamlNode(child, $"{Path}.{key}")
        : new YamlNode(null, $"{Path}.{key}");

    public IEnumerable<string> Keys => Value is IDictionary<object, object> map ? map.Keys.Select(k => k.ToString()!) : [];

    public IEnumerable<KeyValuePair<string, YamlNode>> Entries
    {
        get
        {
            var path = Path;
            return Value is IDictionary<object, object> map
                ? map.Select(e => new KeyValuePair<string, YamlNode>(e.Key.ToString()!, new YamlNode(e.Value, $"{path}.{e.Key}")))
                : [];
        }
    }

    public IReadOnlyList<YamlNode> Items
    {
        get
        {
            var path = Path;
            return Value is IList<object> list ? list.Select((item, i) => new YamlNode(item, $"{path}[{i}]")).ToList() : [];
        }
    }

    /// <summary>The scalar's text; fails the test when the node is missing or not a scalar.</summary>
    public string Text => Value as string ?? throw new Xunit.Sdk.XunitException($"{Path}: expected a scalar, found {(Value is null ? "nothing" : Value.GetType().Name)}");

    public int Int => int.Parse(Text, CultureInfo.InvariantCulture);

    /// <summary>A map of scalars (labels, selectors, environment maps) as a dictionary.</summary>
    public IReadOnlyDictionary<string, string> Strings => Entries.ToDictionary(e => e.Key, e => e.Value.Text);

    public override string ToString() => $"{Path} = {Value}";
}
