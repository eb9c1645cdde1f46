using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Parquet.Decoding;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Maps Parquet's physical and logical types to the Engine's: integers (signed or unsigned, any width) to BIGINT,
/// FLOAT and DOUBLE to DOUBLE, DECIMAL to DOUBLE, strings (STRING, ENUM, JSON) to VARCHAR, BOOLEAN to BOOLEAN,
/// TIMESTAMP (any unit) to TIMESTAMP, DATE to TIMESTAMP at midnight. Anything else (nested groups, lists, maps,
/// binary without a string annotation, INT96, TIME, UUID, INTERVAL, FLOAT16) is unsupported.
/// </summary>
internal static class ParquetTypeMapping
{
    /// <summary>The Engine's type for a kind: the one place a Parquet kind becomes a SQL type.</summary>
    public static SqlType SqlTypeOf(ParquetValueKind kind) => kind switch
    {
        ParquetValueKind.Int32 or ParquetValueKind.UInt32 or ParquetValueKind.Int64 or ParquetValueKind.UInt64 => SqlType.BigInt,
        ParquetValueKind.Float or ParquetValueKind.Double => SqlType.Double,
        ParquetValueKind.DecimalInt32 or ParquetValueKind.DecimalInt64 or ParquetValueKind.DecimalBytes => SqlType.Double,
        ParquetValueKind.Boolean => SqlType.Boolean,
        ParquetValueKind.TimestampMillis or ParquetValueKind.TimestampMicros or ParquetValueKind.TimestampNanos => SqlType.Timestamp,
        ParquetValueKind.Date => SqlType.Date,
        _ => SqlType.Varchar,
    };

    /// <summary>The type of a primitive top-level column, from its physical and logical types as its footer gives them.</summary>
    public static ParquetColumnType Map(ParquetSchemaElement column)
    {
        var physical = column.PhysicalType;
        var logical = column.Logical;
        var kind = (physical, logical.Kind) switch
        {
            (ParquetSchemaElement.Int32, ParquetLogicalType.None) => ParquetValueKind.Int32,
            (ParquetSchemaElement.Int32, ParquetLogicalType.Integer) when logical.BitWidth is > 0 and <= 32 =>
                logical.IsSigned ? ParquetValueKind.Int32 : ParquetValueKind.UInt32,
            (ParquetSchemaElement.Int64, ParquetLogicalType.None) => ParquetValueKind.Int64,
            (ParquetSchemaElement.Int64, ParquetLogicalType.Integer) when logical.BitWidth == 64 =>
                logical.IsSigned ? ParquetValueKind.Int64 : ParquetValueKind.UInt64,
            (ParquetSchemaElement.Float, ParquetLogicalType.None) => ParquetValueKind.Float,
            (ParquetSchemaElement.Double, ParquetLogicalType.None) => ParquetValueKind.Double,
            (ParquetSchemaElement.Boolean, ParquetLogicalType.None) => ParquetValueKind.Boolean,
            (ParquetSchemaElement.ByteArray, ParquetLogicalType.String or ParquetLogicalType.Enum or ParquetLogicalType.Json) => ParquetValueKind.String,
            (ParquetSchemaElement.Int32, ParquetLogicalType.Decimal) => ParquetValueKind.DecimalInt32,
            (ParquetSchemaElement.Int64, ParquetLogicalType.Decimal) => ParquetValueKind.DecimalInt64,
            (ParquetSchemaElement.FixedLenByteArray or ParquetSchemaElement.ByteArray, ParquetLogicalType.Decimal) => ParquetValueKind.DecimalBytes,
            (ParquetSchemaElement.Int64, ParquetLogicalType.Timestamp) => logical.Unit switch
            {
                ParquetLogicalType.Millis => ParquetValueKind.TimestampMillis,
                ParquetLogicalType.Micros => ParquetValueKind.TimestampMicros,
                ParquetLogicalType.Nanos => ParquetValueKind.TimestampNanos,
                _ => ParquetValueKind.Unsupported,
            },
            (ParquetSchemaElement.Int32, ParquetLogicalType.Date) => ParquetValueKind.Date,
            _ => ParquetValueKind.Unsupported,
        };

        if (kind == ParquetValueKind.Unsupported)
        {
            return Unsupported(logical.Kind == ParquetLogicalType.None ? column.PhysicalName : $"{column.PhysicalName} ({logical.Name})");
        }

        var scale = logical.Kind == ParquetLogicalType.Decimal ? logical.Scale : 0;
        var length = physical == ParquetSchemaElement.FixedLenByteArray ? column.TypeLength : 0;
        return new ParquetColumnType(kind, SqlTypeOf(kind), scale, length, null);
    }

    /// <summary>A column that cannot be read, described for the error that names it.</summary>
    public static ParquetColumnType Unsupported(string description) =>
        new(ParquetValueKind.Unsupported, SqlType.Varchar, 0, 0, description);
}
