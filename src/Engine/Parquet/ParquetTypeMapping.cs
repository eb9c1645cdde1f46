using OrleansProc.Engine.Schema;
using ParquetSharp;

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

    /// <summary>The type of a primitive top-level column.</summary>
    public static ParquetColumnType Map(ColumnDescriptor column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var physical = column.PhysicalType;
        using var logical = column.LogicalType;
        var scale = 0;
        var kind = (physical, logical) switch
        {
            (PhysicalType.Int32, NoneLogicalType) => ParquetValueKind.Int32,
            (PhysicalType.Int32, IntLogicalType i) => i.IsSigned ? ParquetValueKind.Int32 : ParquetValueKind.UInt32,
            (PhysicalType.Int64, NoneLogicalType) => ParquetValueKind.Int64,
            (PhysicalType.Int64, IntLogicalType i) => i.IsSigned ? ParquetValueKind.Int64 : ParquetValueKind.UInt64,
            (PhysicalType.Float, NoneLogicalType) => ParquetValueKind.Float,
            (PhysicalType.Double, NoneLogicalType) => ParquetValueKind.Double,
            (PhysicalType.Boolean, NoneLogicalType) => ParquetValueKind.Boolean,
            (PhysicalType.ByteArray, StringLogicalType or EnumLogicalType or JsonLogicalType) => ParquetValueKind.String,
            (PhysicalType.Int32, DecimalLogicalType d) => Decimal(d, ParquetValueKind.DecimalInt32, out scale),
            (PhysicalType.Int64, DecimalLogicalType d) => Decimal(d, ParquetValueKind.DecimalInt64, out scale),
            (PhysicalType.FixedLenByteArray or PhysicalType.ByteArray, DecimalLogicalType d) => Decimal(d, ParquetValueKind.DecimalBytes, out scale),
            (PhysicalType.Int64, TimestampLogicalType t) => t.TimeUnit switch
            {
                TimeUnit.Millis => ParquetValueKind.TimestampMillis,
                TimeUnit.Micros => ParquetValueKind.TimestampMicros,
                _ => ParquetValueKind.TimestampNanos,
            },
            (PhysicalType.Int32, DateLogicalType) => ParquetValueKind.Date,
            _ => ParquetValueKind.Unsupported,
        };

        if (kind == ParquetValueKind.Unsupported)
        {
            var name = logical is NoneLogicalType ? physical.ToString().ToUpperInvariant() : $"{physical.ToString().ToUpperInvariant()} ({logical.Type})";
            return Unsupported(name);
        }

        var length = physical == PhysicalType.FixedLenByteArray ? column.TypeLength : 0;
        return new ParquetColumnType(kind, SqlTypeOf(kind), scale, length, null);
    }

    /// <summary>A column that cannot be read, described for the error that names it.</summary>
    public static ParquetColumnType Unsupported(string description) =>
        new(ParquetValueKind.Unsupported, SqlType.Varchar, 0, 0, description);

    private static ParquetValueKind Decimal(DecimalLogicalType type, ParquetValueKind kind, out int scale)
    {
        scale = type.Scale;
        return kind;
    }
}
