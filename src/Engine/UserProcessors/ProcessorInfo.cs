using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>What a package says about one of its processors (for <c>processor show</c> and the planner).</summary>
/// <param name="Name">The <c>[Processor]</c> name, or the class name.</param>
/// <param name="ClassName">The class's full name.</param>
/// <param name="Description">The <c>[Processor]</c> description, if any.</param>
/// <param name="IsMap">True for a map (its rows go to an output dataset), false for an aggregate.</param>
/// <param name="Columns">The input columns it reads.</param>
/// <param name="ResultColumns">The columns of its result or output rows.</param>
public sealed record ProcessorInfo(
    string Name,
    string ClassName,
    string? Description,
    bool IsMap,
    IReadOnlyList<string> Columns,
    IReadOnlyList<ResultColumn> ResultColumns);
