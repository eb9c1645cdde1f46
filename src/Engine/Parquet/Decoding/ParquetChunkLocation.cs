namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// Where one column chunk's pages are in the file and how they are stored, from the footer's <c>ColumnMetaData</c>.
/// </summary>
/// <param name="Start">The first page's offset: the dictionary page's when there is one, else the first data page's.</param>
/// <param name="Length">The chunk's bytes in the file (total_compressed_size).</param>
/// <param name="Codec">The pages' compression (parquet.thrift's <c>CompressionCodec</c>).</param>
/// <param name="Encodings">One bit per encoding (parquet.thrift's <c>Encoding</c>) that the chunk's pages use.</param>
/// <param name="ValueCount">The values in the chunk, NULLs included.</param>
/// <param name="Readable">False when the chunk lives in another file, is encrypted, or its metadata is missing.</param>
internal readonly record struct ParquetChunkLocation(long Start, long Length, int Codec, long Encodings, long ValueCount, bool Readable);
