namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>The encodings of parquet.thrift's <c>Encoding</c> that the managed reader decodes, as numbers and as bits of <see cref="ParquetChunkLocation.Encodings"/>.</summary>
internal static class ParquetEncoding
{
    /// <summary>Values one after the other (fixed width little-endian, booleans as bits, byte arrays length-prefixed).</summary>
    public const int Plain = 0;

    /// <summary>Dictionary indexes (version 1 name; the dictionary page itself is PLAIN).</summary>
    public const int PlainDictionary = 2;

    /// <summary>The RLE/bit-packed hybrid (levels; boolean values).</summary>
    public const int Rle = 3;

    /// <summary>Dictionary indexes, RLE/bit-packed.</summary>
    public const int RleDictionary = 8;

    /// <summary>The encodings a chunk may list and still be read here.</summary>
    public const long Supported = (1L << Plain) | (1L << PlainDictionary) | (1L << Rle) | (1L << RleDictionary);

    /// <summary>Whether <paramref name="encoding"/> holds dictionary indexes.</summary>
    public static bool IsDictionary(int encoding) => encoding is PlainDictionary or RleDictionary;
}
