namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>The compression codecs of parquet.thrift's <c>CompressionCodec</c> that the managed reader decompresses.</summary>
internal static class ParquetCodec
{
    /// <summary>Pages stored as they are.</summary>
    public const int Uncompressed = 0;

    /// <summary>Snappy (raw, no framing).</summary>
    public const int Snappy = 1;

    /// <summary>GZIP (RFC 1952).</summary>
    public const int Gzip = 2;

    /// <summary>Zstandard.</summary>
    public const int Zstd = 6;

    /// <summary>Whether the managed reader decompresses <paramref name="codec"/>.</summary>
    public static bool IsSupported(int codec) => codec is Uncompressed or Snappy or Gzip or Zstd;
}
