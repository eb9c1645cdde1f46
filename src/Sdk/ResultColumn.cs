namespace OrleansProc.Sdk;

/// <summary>One column of a processor's result (or of the rows a map writes): its name and type.</summary>
/// <param name="Name">The column's name, as the result table and the output dataset show it.</param>
/// <param name="Type">The column's type.</param>
public sealed record ResultColumn(string Name, ResultType Type);
