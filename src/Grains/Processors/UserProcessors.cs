using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Pipeline;

namespace OrleansProc.Grains.Processors;

/// <summary>The Engine's <see cref="ProcessorSpec"/> of a <see cref="JobKind.Run"/> job (its package folder is filled in by the silo that runs it).</summary>
public static class UserProcessors
{
    /// <summary>A user processor's spec, without its package folder.</summary>
    public static ProcessorSpec SpecOf(string? processorName, string? argumentLines, string? isolation, int? maxGroups, DataFormat outputFormat) => new()
    {
        Kind = ProcessorKind.User,
        ProcessorName = processorName,
        Arguments = argumentLines,
        Isolation = IsolationOf(isolation),
        MaxGroups = maxGroups,
        OutputFormat = outputFormat,
    };

    /// <summary>The isolation a job names: <c>thread</c> (or null) or <c>process</c>.</summary>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static ProcessorIsolation IsolationOf(string? name) => name switch
    {
        null or "thread" => ProcessorIsolation.Thread,
        "process" => ProcessorIsolation.Process,
        _ => throw new ArgumentException($"--isolation must be thread or process, got '{name}'", nameof(name)),
    };
}
