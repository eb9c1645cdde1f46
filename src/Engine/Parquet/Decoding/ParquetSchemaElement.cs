namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>One node of a Parquet file's flattened schema (parquet.thrift's <c>SchemaElement</c>), as the footer holds it.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="PhysicalType">The leaf's physical type (parquet.thrift's <c>Type</c>), or -1 when unset (a group).</param>
/// <param name="TypeLength">A FIXED_LEN_BYTE_ARRAY's byte length.</param>
/// <param name="Repetition">REQUIRED 0, OPTIONAL 1, REPEATED 2.</param>
/// <param name="Children">The group's number of children (0 for a leaf).</param>
/// <param name="Logical">The logical type (from the converted type when the writer gave only that).</param>
internal readonly record struct ParquetSchemaElement(string Name, int PhysicalType, int TypeLength, int Repetition, int Children, ParquetLogicalType Logical)
{
    /// <summary>BOOLEAN.</summary>
    public const int Boolean = 0;

    /// <summary>INT32.</summary>
    public const int Int32 = 1;

    /// <summary>INT64.</summary>
    public const int Int64 = 2;

    /// <summary>FLOAT.</summary>
    public const int Float = 4;

    /// <summary>DOUBLE.</summary>
    public const int Double = 5;

    /// <summary>BYTE_ARRAY.</summary>
    public const int ByteArray = 6;

    /// <summary>FIXED_LEN_BYTE_ARRAY.</summary>
    public const int FixedLenByteArray = 7;

    /// <summary>The repetition OPTIONAL.</summary>
    public const int Optional = 1;

    /// <summary>The repetition REPEATED.</summary>
    public const int Repeated = 2;

    private static readonly string[] PhysicalNames = ["BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTEARRAY", "FIXEDLENBYTEARRAY"];

    /// <summary>A leaf (primitive) node, as Arrow tells one: no children and a physical type.</summary>
    public bool IsLeaf => Children == 0 && PhysicalType >= 0;

    /// <summary>The physical type's name in errors, as ParquetSharp's <c>PhysicalType</c> spells it (upper case).</summary>
    public string PhysicalName => PhysicalType >= 0 && PhysicalType < PhysicalNames.Length ? PhysicalNames[PhysicalType] : $"TYPE {PhysicalType}";
}
