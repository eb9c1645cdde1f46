using System.Globalization;
using System.Text;

namespace OrleansProc.Contracts.Jobs;

/// <summary>How a <see cref="JobKind.Run"/> job (a user processor from the store) is written in listings and plans.</summary>
public static class ProcessorRuns
{
    /// <summary>The isolation names <c>--isolation</c> takes.</summary>
    public static IReadOnlyList<string> IsolationNames { get; } = ["thread", "process"];

    /// <summary>One line: <c>run NAME[:PROCESSOR]@VERSION DATASET --arg k=v ... [--isolation process]</c>.</summary>
    public static string Describe(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = new StringBuilder("run ").Append(spec.Processor);
        if (spec.ProcessorName is { } name)
        {
            text.Append(':').Append(name);
        }

        if (spec.ProcessorVersion is { } version)
        {
            text.Append('@').Append(version);
        }

        text.Append(' ').Append(spec.Dataset);
        foreach (var (key, value) in Sorted(spec.Arguments))
        {
            text.Append(CultureInfo.InvariantCulture, $" --arg {key}={value}");
        }

        if (spec.Isolation is { } isolation)
        {
            text.Append(" --isolation ").Append(isolation);
        }

        return text.ToString();
    }

    /// <summary>True when a job's description (<see cref="Describe"/>) says it runs <paramref name="version"/> of processor <paramref name="name"/>.</summary>
    public static bool Uses(string description, string name, string version)
    {
        ArgumentNullException.ThrowIfNull(description);
        var prefix = $"run {name}";
        return description.StartsWith(prefix, StringComparison.Ordinal)
            && description.Length > prefix.Length && description[prefix.Length] is ':' or '@'
            && description.Contains($"@{version} ", StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string>? arguments) =>
        arguments is null ? [] : [.. arguments.OrderBy(p => p.Key, StringComparer.Ordinal)];
}
