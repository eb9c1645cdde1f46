namespace OrleansProc.Engine.Parquet;

/// <summary>How the values of one Parquet column are read and turned into the Engine's values.</summary>
internal enum ParquetValueKind : byte
{
    /// <summary>The column cannot be read (nested, a list or map, binary without a string annotation, ...).</summary>
    Unsupported = 0,

    /// <summary>INT32 (signed, any width): BIGINT.</summary>
    Int32 = 1,

    /// <summary>INT32 annotated unsigned: BIGINT.</summary>
    UInt32 = 2,

    /// <summary>INT64 (signed): BIGINT.</summary>
    Int64 = 3,

    /// <summary>INT64 annotated unsigned: BIGINT, an overflow past <see cref="long.MaxValue"/>.</summary>
    UInt64 = 4,

    /// <summary>FLOAT: DOUBLE.</summary>
    Float = 5,

    /// <summary>DOUBLE: DOUBLE.</summary>
    Double = 6,

    /// <summary>BOOLEAN: BOOLEAN.</summary>
    Boolean = 7,

    /// <summary>BYTE_ARRAY annotated STRING, ENUM or JSON: VARCHAR (UTF-8).</summary>
    String = 8,

    /// <summary>DECIMAL stored as INT32: DOUBLE.</summary>
    DecimalInt32 = 9,

    /// <summary>DECIMAL stored as INT64: DOUBLE.</summary>
    DecimalInt64 = 10,

    /// <summary>DECIMAL stored as a fixed-length or variable byte array (big-endian two's complement): DOUBLE.</summary>
    DecimalBytes = 11,

    /// <summary>TIMESTAMP in milliseconds: TIMESTAMP.</summary>
    TimestampMillis = 12,

    /// <summary>TIMESTAMP in microseconds: TIMESTAMP.</summary>
    TimestampMicros = 13,

    /// <summary>TIMESTAMP in nanoseconds: TIMESTAMP (microseconds, rounded down).</summary>
    TimestampNanos = 14,

    /// <summary>DATE (days since 1970-01-01): for now TIMESTAMP at midnight (see <see cref="ParquetTypeMapping.SqlTypeOf"/>).</summary>
    Date = 15,
}
