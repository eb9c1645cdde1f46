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

    /// <summary>
    /// The canonical text of a processor's arguments: one <c>key=value</c> per line, sorted by key (ordinal), so two
    /// jobs with the same arguments have the same text; null for none.
    /// </summary>
    public static string? ArgumentLines(IReadOnlyDictionary<string, string>? arguments)
    {
        var sorted = Sorted(arguments);
        return sorted.Count == 0 ? null : string.Join('\n', sorted.Select(p => $"{p.Key}={p.Value}"));
    }

    private static List<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string>? arguments) =>
        arguments is null ? [] : [.. arguments.OrderBy(p => p.Key, StringComparer.Ordinal)];
}
