using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>
/// One table of a join, as <see cref="BroadcastJoin"/> reads it: its schema and format, its files or blobs as whole
/// slices, and how to open one (at its start), with the CSV delimiter of its files. The scanned table's slices are not
/// read here (its partitions are).
/// </summary>
public sealed record BroadcastTableInput(
    TableSchema Schema,
    DataFormat Format,
    IReadOnlyList<InputSlice> Slices,
    Func<InputSlice, CancellationToken, Task<Stream>> Open,
    char Delimiter = ',');
