using System.IO.Compression;
using Snappier;
using ZstdSharp;

namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>Decompresses Parquet pages of one codec (<see cref="ParquetCodec"/>) into buffers of their known size.</summary>
internal sealed class ParquetPageDecompressor(int codec) : IDisposable
{
    private Decompressor? _zstd;

    /// <summary>
    /// Decompresses <paramref name="source"/> into all of <paramref name="target"/> (the page's uncompressed size);
    /// corrupt data, or data of another size, throws <see cref="InvalidDataException"/>.
    /// </summary>
    public void Decompress(byte[] source, int offset, int length, Span<byte> target)
    {
        int written;
        try
        {
            switch (codec)
            {
                case ParquetCodec.Snappy:
                    written = Snappy.Decompress(source.AsSpan(offset, length), target);
                    break;
                case ParquetCodec.Zstd:
                    _zstd ??= new Decompressor();
                    written = _zstd.Unwrap(source.AsSpan(offset, length), target);
                    break;
                case ParquetCodec.Gzip:
                    using (var gzip = new GZipStream(new MemoryStream(source, offset, length, writable: false), CompressionMode.Decompress))
                    {
                        gzip.ReadExactly(target);
                        written = target.Length;
                        if (gzip.ReadByte() >= 0)
                        {
                            written++;
                        }
                    }

                    break;
                default:
                    throw new InvalidDataException($"the compression codec {codec} is not supported here");
            }
        }
        catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"a page does not decompress ({e.Message})", e);
        }

        if (written != target.Length)
        {
            throw new InvalidDataException($"a page decompresses to {written} bytes, its header says {target.Length}");
        }
    }

    public void Dispose() => _zstd?.Dispose();
}
