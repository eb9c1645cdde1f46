using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Parquet.Decoding;
using OrleansProc.Engine.Schema;
using ParquetSharp;
using ParquetSharp.Schema;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>
/// What ParquetSharp (Arrow's C++ reader) says of a Parquet file's footer, in the terms the scan uses: the top-level
/// columns with their Engine types, leaves and maximum definition levels, each row group's rows and chunk sizes, and
/// each readable column's statistics. The reference that <see cref="ParquetFooterReader"/> is compared with (this is
/// how the Engine read footers before it read them itself).
/// </summary>
internal static class ParquetSharpFooterReference
{
    /// <summary>The footer of <paramref name="path"/> as lines, read by ParquetSharp.</summary>
    public static List<string> Describe(string path)
    {
        using var reader = new ParquetFileReader(path);
        var metadata = reader.FileMetaData;
        var schema = metadata.Schema;
        var leafOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var leaf = 0; leaf < schema.NumColumns; leaf++)
        {
            var descriptor = schema.Column(leaf);
            using var columnPath = descriptor.Path;
            var parts = columnPath.ToDotVector();
            if (parts.Length == 1 && descriptor.MaxRepetitionLevel == 0)
            {
                leafOf[parts[0]] = leaf;
            }
        }

        var lines = new List<string>();
        var columns = new List<(string Name, ParquetColumnType Type, int Leaf)>();
        using (var root = schema.GroupNode)
        {
            foreach (var field in root.Fields)
            {
                using (field)
                {
                    if (field is PrimitiveNode && leafOf.TryGetValue(field.Name, out var leaf))
                    {
                        var descriptor = schema.Column(leaf);
                        columns.Add((field.Name, Map(descriptor), leaf));
                        lines.Add(Column(field.Name, columns[^1].Type, leaf, descriptor.MaxDefinitionLevel));
                    }
                    else
                    {
                        using var logical = field.LogicalType;
                        var description = field is PrimitiveNode ? "a repeated field" : logical is NoneLogicalType ? "a nested group" : $"{logical.Type}";
                        lines.Add(Column(field.Name, ParquetTypeMapping.Unsupported(description), -1, -1));
                    }
                }
            }
        }

        for (var g = 0; g < metadata.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            var meta = group.MetaData;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"group {g}: {meta.NumRows} rows, {meta.NumColumns} chunks"));
            for (var c = 0; c < meta.NumColumns; c++)
            {
                using var chunk = meta.GetColumnChunkMetaData(c);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"group {g} chunk {c}: {chunk.TotalCompressedSize} bytes, {chunk.NumValues} values"));
            }

            foreach (var (name, type, leaf) in columns.Where(c => c.Type.IsSupported))
            {
                using var chunk = meta.GetColumnChunkMetaData(leaf);
                lines.Add(Statistics(g, name, Statistics(chunk, type, meta.NumRows)));
            }
        }

        return lines;
    }

    /// <summary>The same lines from the managed footer.</summary>
    public static List<string> Describe(ParquetFileFooter footer)
    {
        var lines = new List<string>();
        var columns = footer.Columns;
        for (var i = 0; i < columns.Names.Count; i++)
        {
            lines.Add(Column(columns.Names[i], columns.Types[i], columns.Leaves[i], columns.MaxDefinitions[i]));
        }

        for (var g = 0; g < footer.RowGroups.Count; g++)
        {
            var group = footer.RowGroups[g];
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"group {g}: {group.Rows} rows, {group.Chunks.Length} chunks"));
            for (var c = 0; c < group.Chunks.Length; c++)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"group {g} chunk {c}: {group.Chunks[c].Length} bytes, {group.Chunks[c].ValueCount} values"));
            }

            for (var i = 0; i < columns.Names.Count; i++)
            {
                if (columns.Types[i].IsSupported)
                {
                    lines.Add(Statistics(g, columns.Names[i], footer.Statistics(g, columns.Leaves[i], columns.Types[i])));
                }
            }
        }

        return lines;
    }

    private static string Column(string name, ParquetColumnType type, int leaf, int maxDefinition) =>
        string.Create(CultureInfo.InvariantCulture, $"column {name}: {type.Kind} {SqlTypeNames.Name(type.Type)} scale {type.Scale} length {type.ByteLength} ({type.Unsupported}) leaf {leaf} max definition {maxDefinition}");

    private static string Statistics(int group, string name, ColumnChunkStatistics? stats) => stats is null
        ? string.Create(CultureInfo.InvariantCulture, $"group {group} {name}: no statistics")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"group {group} {name}: {stats.Rows} rows, nulls {stats.NullCount?.ToString(CultureInfo.InvariantCulture) ?? "?"}, min {stats.Min} max {stats.Max} utf8 [{Hex(stats.MinUtf8)}] [{Hex(stats.MaxUtf8)}]");

    private static string Hex(byte[]? bytes) => bytes is null ? "none" : Convert.ToHexString(bytes);

    /// <summary>As the Engine mapped a ParquetSharp column descriptor to its types.</summary>
    private static ParquetColumnType Map(ColumnDescriptor column)
    {
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
            return ParquetTypeMapping.Unsupported(name);
        }

        var length = physical == PhysicalType.FixedLenByteArray ? column.TypeLength : 0;
        return new ParquetColumnType(kind, ParquetTypeMapping.SqlTypeOf(kind), scale, length, null);
    }

    private static ParquetValueKind Decimal(DecimalLogicalType type, ParquetValueKind kind, out int scale)
    {
        scale = type.Scale;
        return kind;
    }

    /// <summary>As the Engine took a chunk's statistics from ParquetSharp: its min and max re-encoded PLAIN, converted as the managed footer's are.</summary>
    private static ColumnChunkStatistics? Statistics(ColumnChunkMetaData chunk, ParquetColumnType type, long rows)
    {
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
            return ParquetValues.Statistics(nulls, null, null, type, rows);
        }

        var (min, max) = (stats, type.Kind) switch
        {
            (Statistics<int> s, ParquetValueKind.Int32 or ParquetValueKind.DecimalInt32 or ParquetValueKind.Date) => (Int32(s.Min), Int32(s.Max)),
            (Statistics<long> s, ParquetValueKind.Int64 or ParquetValueKind.DecimalInt64 or ParquetValueKind.TimestampMillis
                or ParquetValueKind.TimestampMicros or ParquetValueKind.TimestampNanos) => (Int64(s.Min), Int64(s.Max)),
            (Statistics<float> s, ParquetValueKind.Float) => (Single(s.Min), Single(s.Max)),
            (Statistics<double> s, ParquetValueKind.Double) => (Double(s.Min), Double(s.Max)),
            (Statistics<ByteArray> s, ParquetValueKind.String) => (Bytes(s.Min), Bytes(s.Max)),
            _ => (null, null),
        };
        return ParquetValues.Statistics(nulls, min, max, type, rows);
    }

    private static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Single(float value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Double(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Bytes(ByteArray value)
    {
        var bytes = new byte[value.Length];
        if (value.Length > 0)
        {
            Marshal.Copy(value.Pointer, bytes, 0, value.Length);
        }

        return bytes;
    }
}
