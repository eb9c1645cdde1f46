using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace OrleansProc.Client.Cli;

/// <summary>Prints the standard help, then the command's examples.</summary>
internal sealed class ExamplesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = standard.Invoke(parseResult);
        if (parseResult.CommandResult.Command is DocumentedCommand { Examples.Count: > 0 } command)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(command.Examples.Count == 1 ? "Example:" : "Examples:");
            foreach (var example in command.Examples)
            {
                output.WriteLine("  " + example);
            }

            output.WriteLine();
        }

        return exitCode;
    }
}
