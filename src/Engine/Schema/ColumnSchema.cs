namespace OrleansProc.Engine.Schema;

/// <summary>One column of a dataset: its name as in the header (or JSON key) and its type.</summary>
public sealed record ColumnSchema(string Name, SqlType Type);
