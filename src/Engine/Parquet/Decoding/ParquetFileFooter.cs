namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// A Parquet file's footer, read by <see cref="ParquetFooterReader"/> without ParquetSharp: the top-level columns and
/// their types, each row group's rows, chunk locations and statistics.
/// </summary>
internal sealed class ParquetFileFooter(ParquetFileColumns columns, IReadOnlyList<ParquetRowGroupFooter> rowGroups, bool[] typeDefinedOrder)
{
    /// <summary>The top-level columns.</summary>
    public ParquetFileColumns Columns { get; } = columns;

    /// <summary>The row groups, in file order.</summary>
    public IReadOnlyList<ParquetRowGroupFooter> RowGroups { get; } = rowGroups;

    /// <summary>Per row group, per leaf column: its chunk's location.</summary>
    public ParquetChunkLocation[][] Locations => [.. RowGroups.Select(g => g.Chunks)];

    /// <summary>
    /// The statistics of leaf <paramref name="leaf"/>'s chunk in row group <paramref name="group"/>, converted for a
    /// column of type <paramref name="type"/>, or null when not written. The bounds are the type-ordered
    /// min_value/max_value when the file declares its column orders; else the deprecated min/max, for the types whose
    /// order is signed (integers, decimals and dates on INT32/INT64, timestamps, FLOAT, DOUBLE) and never for strings,
    /// whose deprecated bounds were compared as signed bytes.
    /// </summary>
    public ColumnChunkStatistics? Statistics(int group, int leaf, ParquetColumnType type)
    {
        var rowGroup = RowGroups[group];
        if (rowGroup.Statistics[leaf] is not { } raw)
        {
            return null;
        }

        var ordered = leaf < typeDefinedOrder.Length && typeDefinedOrder[leaf];
        var (min, max) = ordered ? (raw.MinValue, raw.MaxValue) : IsSignedOrder(type.Kind) ? (raw.Min, raw.Max) : (null, null);
        return ParquetValues.Statistics(raw.NullCount, min, max, type, rowGroup.Rows);
    }

    private static bool IsSignedOrder(ParquetValueKind kind) => kind is ParquetValueKind.Int32 or ParquetValueKind.Int64
        or ParquetValueKind.DecimalInt32 or ParquetValueKind.DecimalInt64 or ParquetValueKind.Date
        or ParquetValueKind.TimestampMillis or ParquetValueKind.TimestampMicros or ParquetValueKind.TimestampNanos
        or ParquetValueKind.Float or ParquetValueKind.Double;
}
