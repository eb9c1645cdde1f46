using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Output;

/// <summary>Prints result rows (cells as canonical invariant text, null for NULL) in one output format.</summary>
internal interface IResultWriter
{
    void Write(TextWriter output, IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<string?>> rows);
}
