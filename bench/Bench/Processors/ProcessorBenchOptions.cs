using System.Globalization;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Bench.Processors;

/// <summary>
/// What <c>bench processor</c> was asked for: the package and the files, the processor's <c>--arg</c> pairs, timed runs
/// per configuration, the partition size, the lookup service's latency, and whether the two-silo rows run.
/// </summary>
internal sealed record ProcessorBenchOptions
{
    /// <summary>The package reference as given: a built .dll or its folder, optionally <c>:NAME</c>.</summary>
    public required string Package { get; init; }

    /// <summary>The files' path or glob.</summary>
    public required string Files { get; init; }

    /// <summary>The <c>--arg key=value</c> pairs, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments { get; init; } = [];

    /// <summary>Timed runs per configuration after one warm-up run (default 2); the best counts.</summary>
    public int Runs { get; init; } = 2;

    /// <summary>The partition size in bytes; null for the default.</summary>
    public long? PartitionSize { get; init; }

    /// <summary>The latency of the lookup service started for the I/O sample; null for none.</summary>
    public TimeSpan? LookupLatency { get; init; }

    /// <summary>Skip the two-silo rows (<c>--local</c>): no Azurite, no silos.</summary>
    public bool LocalOnly { get; init; }

    /// <summary>The options of <paramref name="args"/> (after <c>processor</c>), or the reason they are wrong.</summary>
    public static (ProcessorBenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 2)
        {
            return (null, "give a package and the files: bench processor PACKAGE[:NAME] 'path/*.csv'");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        var options = new ProcessorBenchOptions { Package = args[0], Files = args[1] };
        for (var i = 2; i < args.Count; i++)
        {
            var option = args[i];
            if (option == "--local")
            {
                options = options with { LocalOnly = true };
                continue;
            }

            if (option is not ("--arg" or "--runs" or "--partition-size" or "--lookup-latency"))
            {
                return (null, $"unknown argument '{option}'");
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{option} needs a value");
            }

            var value = args[++i];
            switch (option)
            {
                case "--arg":
                    try
                    {
                        pairs.Add(ProcessorArgumentsText.ParsePair(value));
                    }
                    catch (ArgumentException e)
                    {
                        return (null, e.Message.Split(" (Parameter", 2)[0]);
                    }

                    break;
                case "--runs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs >= 1:
                    options = options with { Runs = runs };
                    break;
                case "--runs":
                    return (null, $"--runs '{value}' is not a whole number of at least 1");
                case "--partition-size" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1:
                    options = options with { PartitionSize = size };
                    break;
                case "--partition-size":
                    return (null, $"--partition-size '{value}' is not a number of bytes of at least 1");
                case "--lookup-latency" when double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms):
                    options = options with { LookupLatency = TimeSpan.FromMilliseconds(ms) };
                    break;
                default:
                    return (null, $"--lookup-latency '{value}' is not a number of milliseconds");
            }
        }

        return (options with { Arguments = pairs }, null);
    }
}
