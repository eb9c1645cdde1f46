using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Isolation;

/// <summary>
/// What a worker answers about a compiled processor: the input columns it reads, its result's columns, whether it writes
/// output rows, and a user processor's name (null for the built-in processors).
/// </summary>
internal sealed record WorkerDescription(IReadOnlyList<bool> NeededColumns, IReadOnlyList<ColumnSchema> OutputColumns, bool WritesOutputRows, string? Name);
