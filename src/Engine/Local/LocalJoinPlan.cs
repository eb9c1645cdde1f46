using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Local;

/// <summary>What <see cref="LocalJoinSetup"/> prepared for a local run of a join: the scanned table's files, format, schema and CSV delimiter, and the processor holding the broadcast tables.</summary>
internal sealed record LocalJoinPlan(IReadOnlyList<string> Files, DataFormat Format, TableSchema Schema, char Delimiter, IPartitionProcessor Processor);
