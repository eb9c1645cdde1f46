using System.CommandLine;
using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Commands;

/// <summary><c>--arg key=value</c> (repeatable): the arguments a user processor reads through ProcessorArguments.</summary>
internal static class ProcessorArgumentOption
{
    public static Option<string[]> Create()
    {
        var option = new Option<string[]>("--arg", "-a")
        {
            Description = "an argument for the processor, key=value (repeat for more)",
            HelpName = "key=value",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var text in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (Error(text) is { } error)
                {
                    result.AddError(error);
                }
            }
        });
        return option;
    }

    /// <summary>The arguments as a dictionary (keys ordinal; a key given twice is a usage error); null for none.</summary>
    public static IReadOnlyDictionary<string, string>? Parse(string[]? texts)
    {
        if (texts is not { Length: > 0 })
        {
            return null;
        }

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (Error(text) is { } error)
            {
                throw CommandException.Usage(error);
            }

            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (!arguments.TryAdd(text[..equals].Trim(), text[(equals + 1)..]))
            {
                throw CommandException.Usage($"--arg {text[..equals].Trim()} is given twice");
            }
        }

        return arguments;
    }

    private static string? Error(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 || text[..equals].Trim().Length == 0
            ? $"--arg '{text}' is not key=value (e.g. --arg rounds=1000)"
            : text.Contains('\n', StringComparison.Ordinal) ? $"--arg '{text[..equals]}' holds a line break" : null;
    }
}
