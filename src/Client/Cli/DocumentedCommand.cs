using System.CommandLine;

namespace OrleansProc.Client.Cli;

/// <summary>A command whose help ends with examples of its use.</summary>
internal sealed class DocumentedCommand(string name, string description, params string[] examples) : Command(name, description)
{
    public IReadOnlyList<string> Examples { get; } = examples;
}
