using System.CommandLine;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Client.Processors;

/// <summary>The options of commands that run a user processor: <c>--arg key=value</c> and <c>--isolation</c>.</summary>
internal static class ProcessorOptions
{
    /// <summary><c>--arg key=value</c>, repeatable: the processor's arguments.</summary>
    public static Option<string[]> Arguments()
    {
        var option = new Option<string[]>("--arg")
        {
            Description = "an argument for the processor (context.Arguments), repeatable: --arg rounds=100 --arg url=http://...",
            HelpName = "KEY=VALUE",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
        };
        option.Validators.Add(result =>
        {
            foreach (var text in result.GetValueOrDefault<string[]>() ?? [])
            {
                try
                {
                    ProcessorArgumentsText.ParsePair(text);
                }
                catch (ArgumentException)
                {
                    result.AddError($"invalid argument '{text}' for --arg: give KEY=VALUE, e.g. --arg rounds=100");
                }
            }
        });
        return option;
    }

    /// <summary><c>--isolation thread|process</c>: where the processor's code runs.</summary>
    public static Option<ProcessorIsolation> Isolation()
    {
        var option = new Option<ProcessorIsolation>("--isolation")
        {
            Description = "where the processor runs: thread (default: on this process's thread pool) or process (in worker processes: a crash, hang or leak kills only the worker)",
            HelpName = "thread|process",
            DefaultValueFactory = _ => ProcessorIsolation.Thread,
            CustomParser = result => result.Tokens.Count == 1 && result.Tokens[0].Value is var value
                ? value switch
                {
                    "thread" => ProcessorIsolation.Thread,
                    "process" => ProcessorIsolation.Process,
                    _ => Invalid(result, value),
                }
                : ProcessorIsolation.Thread,
        };
        option.CompletionSources.Clear();
        option.CompletionSources.Add("thread", "process");
        return option;
    }

    private static ProcessorIsolation Invalid(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"invalid isolation '{value}' for --isolation: give thread or process");
        return ProcessorIsolation.Thread;
    }
}
