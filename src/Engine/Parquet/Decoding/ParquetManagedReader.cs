namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// When the managed decoder reads a column chunk instead of ParquetSharp: the setting
/// (<see cref="ReaderVariable"/>), and the test of each chunk against what the decoder supports.
/// </summary>
internal static class ParquetManagedReader
{
    /// <summary>The environment variable that picks the Parquet page reader: <c>parquetsharp</c> for ParquetSharp's on every chunk; unset or <c>managed</c> for the managed decoder where it can.</summary>
    public const string ReaderVariable = "ORLEANSPROC_PARQUET_READER";

    /// <summary>Whether the managed decoder is on (the environment does not ask for ParquetSharp's reader).</summary>
    public static bool IsEnabled() =>
        !string.Equals(Environment.GetEnvironmentVariable(ReaderVariable), "parquetsharp", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the managed decoder reads a chunk at <paramref name="location"/> of a column of type
    /// <paramref name="type"/> whose maximum definition level is <paramref name="maxDefinition"/> (flat columns only):
    /// a codec of <see cref="ParquetCodec"/>, the encodings of <see cref="ParquetEncoding"/>, integers, floats, doubles,
    /// booleans (not dictionary-encoded) and strings.
    /// </summary>
    public static bool CanDecode(ParquetChunkLocation location, ParquetColumnType type, short maxDefinition)
    {
        if (!location.Readable || !ParquetCodec.IsSupported(location.Codec) || maxDefinition is < 0 or > 1
            || (location.Encodings & ~ParquetEncoding.Supported) != 0)
        {
            return false;
        }

        var dictionary = (location.Encodings & ((1L << ParquetEncoding.PlainDictionary) | (1L << ParquetEncoding.RleDictionary))) != 0;
        return type.Kind switch
        {
            ParquetValueKind.Boolean => !dictionary,
            ParquetValueKind.Int32 or ParquetValueKind.UInt32 or ParquetValueKind.DecimalInt32 or ParquetValueKind.Date
                or ParquetValueKind.Int64 or ParquetValueKind.UInt64 or ParquetValueKind.DecimalInt64
                or ParquetValueKind.TimestampMillis or ParquetValueKind.TimestampMicros or ParquetValueKind.TimestampNanos
                or ParquetValueKind.Float or ParquetValueKind.Double or ParquetValueKind.String => true,
            _ => false,
        };
    }
}
