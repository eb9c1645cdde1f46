using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Processors;

namespace OrleansProc.Client.Commands;

/// <summary><c>processor new</c>: user processors (OrleansProc.Sdk).</summary>
internal static class ProcessorCommands
{
    public static Command Create(ConsoleContext console)
    {
        var processor = new DocumentedCommand("processor",
            "Your own C# processors (OrleansProc.Sdk): write one from a template, then run it (see: run).",
            "./orleansproc processor new top-countries && ./orleansproc run ./top-countries 'data/*.csv'");
        processor.Subcommands.Add(New(console));
        return processor;
    }

    private static Command New(ConsoleContext console)
    {
        var name = new Argument<string>("name") { Description = "the processor's name: a letter, then letters, digits, '-' or '_'", HelpName = "NAME" };
        var output = new Option<string?>("--output", "-o") { Description = "the folder to write the project into (default: ./NAME); must be empty or new", HelpName = "DIR" };
        var command = new DocumentedCommand("new",
            "Write a processor project: NAME/ClassName.csproj (referencing the OrleansProc.Sdk.dll beside this client), one processor\n" +
            "class to edit, a README. It builds offline with dotnet build; run it with: ./orleansproc run NAME 'path/*.csv'.",
            "./orleansproc processor new top-countries",
            "./orleansproc processor new log-stats --output ~/src/log-stats && ./orleansproc run ~/src/log-stats 'logs/*.log'")
        {
            name, output,
        };
        command.SetAction(parsed =>
        {
            var processorName = parsed.GetRequiredValue(name);
            var folder = parsed.GetValue(output) ?? processorName;
            var files = ProcessorTemplate.Write(processorName, folder, Path.Join(AppContext.BaseDirectory, ProcessorTemplate.SdkFileName));
            foreach (var file in files)
            {
                console.Out.WriteLine(file);
            }

            console.Error.WriteLine($"wrote processor '{processorName}' in {folder}; try: ./orleansproc run {folder} 'data/*.csv'");
            return ExitCodes.Success;
        });
        return command;
    }
}
