using System.Numerics;
using System.Runtime.InteropServices;
using OrleansProc.Engine.Values;
using ParquetSharp;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Turns a Parquet column's physical values into Engine values by its <see cref="ParquetColumnType"/>: the cursor
/// that reads a column chunk, and the chunk's statistics converted the same way (so a min/max bounds exactly the
/// values the scan would produce).
/// </summary>
internal static class ParquetValues
{

    /// <summary>A cursor over <paramref name="reader"/>, a column of type <paramref name="type"/> named <paramref name="name"/> (for errors).</summary>
    public static ParquetColumnCursor Cursor(ColumnReader reader, ParquetColumnType type, string name, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var scale = Math.Pow(10, type.Scale);
        var length = type.ByteLength;
        return type.Kind switch
        {
            ParquetValueKind.Int32 or ParquetValueKind.UInt32 or ParquetValueKind.DecimalInt32 or ParquetValueKind.Date =>
                new ParquetColumnCursorOf<int>((ColumnReader<int>)reader, Int32Converter(type), chunkRows),
            ParquetValueKind.Int64 or ParquetValueKind.DecimalInt64 or ParquetValueKind.TimestampMillis
                or ParquetValueKind.TimestampMicros or ParquetValueKind.TimestampNanos =>
                new ParquetColumnCursorOf<long>((ColumnReader<long>)reader, Int64Converter(type), chunkRows),
            ParquetValueKind.UInt64 => new ParquetColumnCursorOf<long>((ColumnReader<long>)reader, v => UInt64(v, name), chunkRows),
            ParquetValueKind.Float => new ParquetColumnCursorOf<float>((ColumnReader<float>)reader, v => SqlValue.FromDouble(v), chunkRows),
            ParquetValueKind.Double => new ParquetColumnCursorOf<double>((ColumnReader<double>)reader, SqlValue.FromDouble, chunkRows),
            ParquetValueKind.Boolean => new ParquetColumnCursorOf<bool>((ColumnReader<bool>)reader, SqlValue.FromBool, chunkRows),
            ParquetValueKind.String => new ParquetColumnCursorOf<ByteArray>((ColumnReader<ByteArray>)reader, v => SqlValue.FromText(Utf8(v)), chunkRows),
            ParquetValueKind.DecimalBytes when reader is ColumnReader<ByteArray> bytes =>
                new ParquetColumnCursorOf<ByteArray>(bytes, v => SqlValue.FromDouble(Decimal(Bytes(v.Pointer, v.Length), scale)), chunkRows),
            ParquetValueKind.DecimalBytes =>
                new ParquetColumnCursorOf<FixedLenByteArray>((ColumnReader<FixedLenByteArray>)reader, v => SqlValue.FromDouble(Decimal(Bytes(v.Pointer, length), scale)), chunkRows),
            _ => throw new InvalidOperationException($"Column '{name}' of kind {type.Kind} has no reader."),
        };
    }

    /// <summary>The statistics of a column chunk, or null when it has none (or none this type can use).</summary>
    public static ColumnChunkStatistics? Statistics(ColumnChunkMetaData chunk, ParquetColumnType type, long rows)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (!chunk.IsStatsSet)
        {
            return null;
        }

        using var stats = chunk.Statistics;
        if (stats is null)
        {
            return null;
        }

        var nulls = stats.NullCount;
        if (!stats.HasMinMax)
        {
            return new ColumnChunkStatistics(rows, nulls, SqlValue.Null, SqlValue.Null);
        }

        return (stats, type.Kind) switch
        {
            (Statistics<int> s, ParquetValueKind.Int32 or ParquetValueKind.DecimalInt32 or ParquetValueKind.Date) =>
                new ColumnChunkStatistics(rows, nulls, Int32Converter(type)(s.Min), Int32Converter(type)(s.Max)),
            (Statistics<long> s, ParquetValueKind.Int64 or ParquetValueKind.DecimalInt64 or ParquetValueKind.TimestampMillis
                or ParquetValueKind.TimestampMicros or ParquetValueKind.TimestampNanos) =>
                new ColumnChunkStatistics(rows, nulls, Int64Converter(type)(s.Min), Int64Converter(type)(s.Max)),
            (Statistics<float> s, ParquetValueKind.Float) => new ColumnChunkStatistics(rows, nulls, SqlValue.FromDouble(s.Min), SqlValue.FromDouble(s.Max)),
            (Statistics<double> s, ParquetValueKind.Double) => new ColumnChunkStatistics(rows, nulls, SqlValue.FromDouble(s.Min), SqlValue.FromDouble(s.Max)),
            (Statistics<ByteArray> s, ParquetValueKind.String) =>
                new ColumnChunkStatistics(rows, nulls, SqlValue.Null, SqlValue.Null, Bytes(s.Min.Pointer, s.Min.Length), Bytes(s.Max.Pointer, s.Max.Length)),
            _ => new ColumnChunkStatistics(rows, nulls, SqlValue.Null, SqlValue.Null),
        };
    }

    private static Func<int, SqlValue> Int32Converter(ParquetColumnType type)
    {
        var scale = Math.Pow(10, type.Scale);
        return type.Kind switch
        {
            ParquetValueKind.UInt32 => v => SqlValue.FromInt64((uint)v),
            ParquetValueKind.DecimalInt32 => v => SqlValue.FromDouble(v / scale),
            ParquetValueKind.Date => v => SqlValue.FromDate(v),
            _ => v => SqlValue.FromInt64(v),
        };
    }

    private static Func<long, SqlValue> Int64Converter(ParquetColumnType type)
    {
        var scale = Math.Pow(10, type.Scale);
        return type.Kind switch
        {
            ParquetValueKind.DecimalInt64 => v => SqlValue.FromDouble(v / scale),
            ParquetValueKind.TimestampMillis => v => SqlValue.FromTimestamp(v * 1000),
            ParquetValueKind.TimestampMicros => SqlValue.FromTimestamp,
            ParquetValueKind.TimestampNanos => v => SqlValue.FromTimestamp(Math.DivRem(v, 1000, out var rest) - (rest < 0 ? 1 : 0)),
            _ => SqlValue.FromInt64,
        };
    }

    private static SqlValue UInt64(long raw, string name) =>
        raw >= 0
            ? SqlValue.FromInt64(raw)
            : throw new OverflowException($"Column '{name}' holds the unsigned value {(ulong)raw}, larger than BIGINT's maximum.");

    private static string Utf8(ByteArray value) =>
        value.Length == 0 ? string.Empty : Marshal.PtrToStringUTF8(value.Pointer, value.Length);

    private static byte[] Bytes(IntPtr pointer, int length)
    {
        var bytes = new byte[length];
        if (length > 0)
        {
            Marshal.Copy(pointer, bytes, 0, length);
        }

        return bytes;
    }

    private static double Decimal(byte[] bigEndian, double scale) =>
        (double)new BigInteger(bigEndian, isUnsigned: false, isBigEndian: true) / scale;
}
