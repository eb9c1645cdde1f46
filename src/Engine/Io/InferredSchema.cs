using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>What <see cref="SchemaInference.InferWithDelimiterAsync"/> found: the schema and the CSV delimiter (',' for other formats unless given).</summary>
public sealed record InferredSchema(TableSchema Schema, char Delimiter);
