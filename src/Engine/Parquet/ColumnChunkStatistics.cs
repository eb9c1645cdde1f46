using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// What a row group's footer says of one column: its rows, its NULL count (when written), and its min and max as
/// Engine values (for strings, as UTF-8 bytes) when written and usable.
/// </summary>
internal sealed record ColumnChunkStatistics(long Rows, long? NullCount, SqlValue Min, SqlValue Max, byte[]? MinUtf8 = null, byte[]? MaxUtf8 = null)
{
    /// <summary>True when <see cref="Min"/> and <see cref="Max"/> (or their UTF-8 forms) bound the non-NULL values.</summary>
    public bool HasMinMax => !Min.IsNull || MinUtf8 is not null;

    /// <summary>True when every value of the chunk is NULL.</summary>
    public bool AllNull => NullCount == Rows;
}
