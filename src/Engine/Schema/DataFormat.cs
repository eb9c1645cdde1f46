namespace OrleansProc.Engine.Schema;

/// <summary>How the records of a dataset are laid out in its blobs.</summary>
public enum DataFormat : byte
{
    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv = 0,

    /// <summary>JSON Lines: one object per line, fields by name.</summary>
    Jsonl = 1,

    /// <summary>Plain text: one column <c>line</c>.</summary>
    Text = 2,

    /// <summary>One JSON array of objects per blob (a <c>.json</c> file whose first non-space byte is '['); never cut into ranges.</summary>
    JsonArray = 3,

    /// <summary>Apache Parquet: columns in row groups, the schema in the footer.</summary>
    Parquet = 4,
}
