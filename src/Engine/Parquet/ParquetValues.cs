using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Io.Filters;
using OrleansProc.Engine.Values;
using OrleansProc.Engine.Parquet.Decoding;
using ParquetSharp;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Turns a Parquet column's physical values into Engine values by its <see cref="ParquetColumnType"/>: the cursor
/// that reads a column chunk, and the chunk's statistics converted the same way (so a min/max bounds exactly the
/// values the scan would produce).
/// </summary>
internal static class ParquetValues
{
    /// <summary>The distinct values of a filtered column whose verdicts are kept before they are forgotten (bounds the memory a column of unique values takes).</summary>
    private const int MaxFilteredValues = 1 << 16;

    /// <summary>
    /// A cursor over <paramref name="reader"/>, a column of type <paramref name="type"/> named <paramref name="name"/>
    /// (for errors); with <paramref name="filters"/> (on a VARCHAR column), one whose <see cref="ParquetColumnCursor.Filter"/> applies them.
    /// </summary>
    public static ParquetColumnCursor Cursor(ColumnReader reader, ParquetColumnType type, string name, int chunkRows, IReadOnlyList<Utf8FieldFilter>? filters = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Cursor(reader, null, type, name, chunkRows, filters);
    }

    /// <summary>
    /// A cursor over a column chunk that the managed decoder reads (<paramref name="chunk"/>, a flat chunk of a type
    /// <see cref="Decoding.ParquetManagedReader.CanDecode"/> accepts), with the same values as ParquetSharp's.
    /// </summary>
    public static ParquetColumnCursor Cursor(ParquetColumnChunk chunk, ParquetColumnType type, string name, int chunkRows, IReadOnlyList<Utf8FieldFilter>? filters = null)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return type.Kind == ParquetValueKind.String
            ? new ParquetManagedStringCursor(chunk, chunkRows, filters is { Count: > 0 } ? filters : null)
            : Cursor(null, chunk, type, name, chunkRows, filters);
    }

    private static ParquetColumnCursor Cursor(
        ColumnReader? reader, ParquetColumnChunk? chunk, ParquetColumnType type, string name, int chunkRows, IReadOnlyList<Utf8FieldFilter>? filters)
    {
        IParquetValueSource<T> Source<T>()
            where T : unmanaged =>
            chunk is null ? new ParquetSharpValueSource<T>((ColumnReader<T>)reader!) : new ParquetManagedValues<T>(chunk, chunkRows);

        var scale = Math.Pow(10, type.Scale);
        var length = type.ByteLength;
        switch (type.Kind)
        {
            case ParquetValueKind.Int32 or ParquetValueKind.UInt32 or ParquetValueKind.DecimalInt32 or ParquetValueKind.Date:
                var fromInt32 = Int32Converter(type);
                ParquetBatchConverter<int> int32s = type.Kind switch
                {
                    ParquetValueKind.UInt32 => ToInt64s<int>(v => (uint)v),
                    ParquetValueKind.DecimalInt32 => ToDoubles<int>(v => v / scale),
                    _ => Int32sToInt64s,
                };
                return new ParquetColumnCursorOf<int>(Source<int>(), Each(fromInt32), int32s, chunkRows);
            case ParquetValueKind.Int64 or ParquetValueKind.DecimalInt64 or ParquetValueKind.TimestampMillis
                or ParquetValueKind.TimestampMicros or ParquetValueKind.TimestampNanos:
                var fromInt64 = Int64Converter(type);
                ParquetBatchConverter<long> int64s = type.Kind switch
                {
                    ParquetValueKind.DecimalInt64 => ToDoubles<long>(v => v / scale),
                    ParquetValueKind.TimestampMillis => ToInt64s<long>(v => v * 1000),
                    ParquetValueKind.TimestampNanos => ToInt64s<long>(v => fromInt64(v).Int64),
                    _ => (values, batch, ordinal, start) => values.CopyTo(batch.Int64s[ordinal].AsSpan(start)),
                };
                return new ParquetColumnCursorOf<long>(Source<long>(), Each(fromInt64), int64s, chunkRows);
            case ParquetValueKind.UInt64:
                return new ParquetColumnCursorOf<long>(Source<long>(), Each<long>(v => UInt64(v, name)), ToInt64s<long>(v => UInt64(v, name).Int64), chunkRows);
            case ParquetValueKind.Float:
                return new ParquetColumnCursorOf<float>(Source<float>(), Each<float>(v => SqlValue.FromDouble(v)), ToDoubles<float>(v => v), chunkRows);
            case ParquetValueKind.Double:
                return new ParquetColumnCursorOf<double>(
                    Source<double>(), Each<double>(SqlValue.FromDouble), (values, batch, ordinal, start) => values.CopyTo(batch.Doubles[ordinal].AsSpan(start)), chunkRows);
            case ParquetValueKind.Boolean:
                return new ParquetColumnCursorOf<bool>(Source<bool>(), Each<bool>(SqlValue.FromBool), ToInt64s<bool>(v => v ? 1 : 0), chunkRows);
            case ParquetValueKind.String:
                return new ParquetColumnCursorOf<ByteArray>(
                    Source<ByteArray>(), StringValues(), StringCodes(), chunkRows, filters is { Count: > 0 } ? StringFilter([.. filters]) : null);
            case ParquetValueKind.DecimalBytes when reader is ColumnReader<ByteArray>:
                Func<ByteArray, double> fromBytes = v => Decimal(Bytes(v.Pointer, v.Length), scale);
                return new ParquetColumnCursorOf<ByteArray>(Source<ByteArray>(), Each<ByteArray>(v => SqlValue.FromDouble(fromBytes(v))), ToDoubles(fromBytes), chunkRows);
            case ParquetValueKind.DecimalBytes:
                Func<FixedLenByteArray, double> fromFixed = v => Decimal(Bytes(v.Pointer, length), scale);
                return new ParquetColumnCursorOf<FixedLenByteArray>(
                    Source<FixedLenByteArray>(), Each<FixedLenByteArray>(v => SqlValue.FromDouble(fromFixed(v))), ToDoubles(fromFixed), chunkRows);
            default:
                throw new InvalidOperationException($"Column '{name}' of kind {type.Kind} has no reader.");
        }
    }

    /// <summary>
    /// The statistics of a column chunk of <paramref name="rows"/> rows and type <paramref name="type"/> from its
    /// footer: the NULL count when written, and the PLAIN-encoded bounds <paramref name="min"/> and
    /// <paramref name="max"/> (null when not written or not usable) as Engine values where this type's are usable:
    /// signed integers, decimals on INT32/INT64, dates, timestamps, floats, doubles, and strings as UTF-8 bytes.
    /// </summary>
    public static ColumnChunkStatistics Statistics(long? nullCount, byte[]? min, byte[]? max, ParquetColumnType type, long rows)
    {
        if (min is null || max is null)
        {
            return new ColumnChunkStatistics(rows, nullCount, SqlValue.Null, SqlValue.Null);
        }

        return type.Kind switch
        {
            ParquetValueKind.Int32 or ParquetValueKind.DecimalInt32 or ParquetValueKind.Date when min.Length == 4 && max.Length == 4 =>
                new ColumnChunkStatistics(rows, nullCount, Int32Converter(type)(BinaryPrimitives.ReadInt32LittleEndian(min)), Int32Converter(type)(BinaryPrimitives.ReadInt32LittleEndian(max))),
            ParquetValueKind.Int64 or ParquetValueKind.DecimalInt64 or ParquetValueKind.TimestampMillis or ParquetValueKind.TimestampMicros
                or ParquetValueKind.TimestampNanos when min.Length == 8 && max.Length == 8 =>
                new ColumnChunkStatistics(rows, nullCount, Int64Converter(type)(BinaryPrimitives.ReadInt64LittleEndian(min)), Int64Converter(type)(BinaryPrimitives.ReadInt64LittleEndian(max))),
            ParquetValueKind.Float when min.Length == 4 && max.Length == 4 =>
                new ColumnChunkStatistics(rows, nullCount, SqlValue.FromDouble(BinaryPrimitives.ReadSingleLittleEndian(min)), SqlValue.FromDouble(BinaryPrimitives.ReadSingleLittleEndian(max))),
            ParquetValueKind.Double when min.Length == 8 && max.Length == 8 =>
                new ColumnChunkStatistics(rows, nullCount, SqlValue.FromDouble(BinaryPrimitives.ReadDoubleLittleEndian(min)), SqlValue.FromDouble(BinaryPrimitives.ReadDoubleLittleEndian(max))),
            ParquetValueKind.String => new ColumnChunkStatistics(rows, nullCount, SqlValue.Null, SqlValue.Null, min, max),
            _ => new ColumnChunkStatistics(rows, nullCount, SqlValue.Null, SqlValue.Null),
        };
    }

    private static ParquetRowConverter<T> Each<T>(Func<T, SqlValue> convert)
        where T : unmanaged =>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] (values, target) =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                target[i] = convert(values[i]);
            }
        };

    private static ParquetBatchConverter<T> ToInt64s<T>(Func<T, long> convert)
        where T : unmanaged =>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] (values, batch, ordinal, start) =>
        {
            var target = batch.Int64s[ordinal].AsSpan(start, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                target[i] = convert(values[i]);
            }
        };

    private static ParquetBatchConverter<T> ToDoubles<T>(Func<T, double> convert)
        where T : unmanaged =>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] (values, batch, ordinal, start) =>
        {
            var target = batch.Doubles[ordinal].AsSpan(start, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                target[i] = convert(values[i]);
            }
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Int32sToInt64s(ReadOnlySpan<int> values, ColumnBatch batch, int ordinal, int start)
    {
        var target = batch.Int64s[ordinal].AsSpan(start, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = values[i];
        }
    }

    /// <summary>Strings, each distinct value of a <c>ReadBatch</c> result decoded once (see <see cref="ByteArrayValueCache{TValue}"/>).</summary>
    private static ParquetRowConverter<ByteArray> StringValues()
    {
        var cache = new ByteArrayValueCache<SqlValue>();
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] (values, target) =>
        {
            cache.Clear();
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (!cache.TryGet(v.Pointer, v.Length, out target[i]))
                {
                    target[i] = SqlValue.FromText(Utf8(v));
                    cache.Add(v.Pointer, v.Length, target[i]);
                }
            }
        };
    }

    /// <summary>Strings as codes of the batch column's dictionary, looked up through a <see cref="ByteArrayCodeCache"/> that lasts the column chunk.</summary>
    private static ParquetBatchConverter<ByteArray> StringCodes()
    {
        var cache = new ByteArrayCodeCache();
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] (values, batch, ordinal, start) =>
        {
            cache.StartBatch();
            var keys = batch.Keys[ordinal]!;
            var codes = batch.Codes[ordinal].AsSpan(start, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                codes[i] = cache.CodeOf(v.Pointer, v.Length, keys);
            }
        };
    }

    /// <summary>
    /// Whether strings pass every filter, tested on their bytes once per distinct value of the column chunk (up to
    /// <see cref="MaxFilteredValues"/> at a time): each value gets a code in a dictionary of the values seen, through a
    /// <see cref="ByteArrayCodeCache"/> (a dictionary-encoded column's values point into the dictionary page, so each
    /// row costs a lookup by address), and the filters' verdict is kept per code.
    /// </summary>
    private static ParquetFilterConverter<ByteArray> StringFilter(Utf8FieldFilter[] filters)
    {
        var cache = new ByteArrayCodeCache();
        var seen = new Utf8KeyDictionary();
        var verdicts = new List<bool>();
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] (values, passes) =>
        {
            if (seen.Count >= MaxFilteredValues)
            {
                (cache, seen) = (new ByteArrayCodeCache(), new Utf8KeyDictionary());
                verdicts.Clear();
            }

            cache.StartBatch();
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                var code = cache.CodeOf(v.Pointer, v.Length, seen);
                if (code == verdicts.Count)
                {
                    verdicts.Add(PassesAll(filters, seen.BytesOf(code)));
                }

                passes[i] = verdicts[code];
            }
        };
    }

    private static bool PassesAll(Utf8FieldFilter[] filters, ReadOnlySpan<byte> utf8)
    {
        foreach (var filter in filters)
        {
            if (!filter.Passes(utf8))
            {
                return false;
            }
        }

        return true;
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
