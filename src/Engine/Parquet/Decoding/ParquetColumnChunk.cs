using System.Buffers;
using System.Buffers.Binary;

namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// The pages of one flat column chunk (maximum repetition level 0, maximum definition level 0 or 1), read from the
/// file in one read and walked page by page: the dictionary page's bytes (<see cref="DictionaryData"/>, decompressed
/// once), then each data page (v1 or v2) decompressed into one reused buffer, its definition levels decoded on demand
/// (<see cref="ReadLevels"/>), its values left for the typed reader at <see cref="ValuesOffset"/> (PLAIN) or as
/// dictionary indexes / RLE booleans in <see cref="ValueRuns"/>. Index pages are skipped. Bad bytes throw
/// <see cref="InvalidDataException"/> naming the file and the column.
/// </summary>
internal sealed class ParquetColumnChunk : IDisposable
{
    /// <summary>The largest page (uncompressed) accepted: a bound on what a corrupt header can make us allocate.</summary>
    private const int MaxPageBytes = 1 << 30;

    private readonly byte[] _chunk;
    private readonly int _length;
    private readonly string _file;
    private readonly string _column;
    private readonly ParquetPageDecompressor _decompressor;
    private readonly RleBitPackedDecoder _definitions = new();
    private readonly int _codec;
    private byte[]? _page;
    private int _position;

    private ParquetColumnChunk(byte[] chunk, int length, int codec, short maxDefinition, string file, string column)
    {
        _chunk = chunk;
        _length = length;
        _codec = codec;
        _file = file;
        _column = column;
        _decompressor = new ParquetPageDecompressor(codec);
        MaxDefinition = maxDefinition;
        Data = chunk;
    }

    /// <summary>The column's maximum definition level: 0 (no NULLs) or 1.</summary>
    public short MaxDefinition { get; }

    /// <summary>The dictionary page's decompressed bytes (PLAIN values from offset 0), or null before one is read.</summary>
    public byte[]? DictionaryData { get; private set; }

    /// <summary>The bytes of <see cref="DictionaryData"/> that hold the dictionary.</summary>
    public int DictionaryLength { get; private set; }

    /// <summary>The dictionary's entries.</summary>
    public int DictionaryCount { get; private set; }

    /// <summary>Counts the dictionary pages read, so a reader knows when to decode the dictionary again.</summary>
    public int DictionaryVersion { get; private set; }

    /// <summary>The rows of the current data page not yet read.</summary>
    public int PageRowsLeft { get; private set; }

    /// <summary>The current data page's values' encoding (<see cref="ParquetEncoding"/>).</summary>
    public int PageEncoding { get; private set; }

    /// <summary>The bytes the current data page's values are in.</summary>
    public byte[] Data { get; private set; }

    /// <summary>The next PLAIN value's byte in <see cref="Data"/>; the typed reader moves it on.</summary>
    public int ValuesOffset { get; set; }

    /// <summary>For PLAIN booleans: the next value's bit from <see cref="ValuesOffset"/>.</summary>
    public long ValuesBit { get; set; }

    /// <summary>The end of the current data page's values in <see cref="Data"/>.</summary>
    public int ValuesEnd { get; private set; }

    /// <summary>A dictionary-encoded page's indexes, or an RLE boolean page's values.</summary>
    public RleBitPackedDecoder ValueRuns { get; } = new();

    /// <summary>Reads the chunk at <paramref name="location"/> of <paramref name="file"/> (its position is restored).</summary>
    public static ParquetColumnChunk Open(Stream file, ParquetChunkLocation location, short maxDefinition, string fileName, string column)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (location.Length > int.MaxValue || location.Start + location.Length > file.Length)
        {
            throw new InvalidDataException(
                $"The Parquet file '{fileName}', column '{column}': a column chunk of {location.Length} bytes at {location.Start} past the end of the {file.Length}-byte file.");
        }

        var length = (int)location.Length;
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        var position = file.Position;
        try
        {
            file.Seek(location.Start, SeekOrigin.Begin);
            file.ReadExactly(bytes, 0, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(bytes);
            throw;
        }
        finally
        {
            file.Position = position;
        }

        return new ParquetColumnChunk(bytes, length, location.Codec, maxDefinition, fileName, column);
    }

    /// <summary>An error about this chunk, naming the file and the column.</summary>
    public InvalidDataException Corrupt(string what, Exception? inner = null) =>
        new($"The Parquet file '{_file}', column '{_column}': {what}.", inner);

    /// <summary>Moves to the next data page when the current one has no rows left.</summary>
    public void EnsurePage()
    {
        while (PageRowsLeft == 0)
        {
            NextPage();
        }
    }

    /// <summary>
    /// Reads the current page's next <paramref name="levels"/>.Length definition levels (at most <see cref="PageRowsLeft"/>)
    /// and returns how many rows hold a value. With no NULLs possible, every row does (the levels are not written).
    /// </summary>
    public int ReadLevels(Span<short> levels)
    {
        if (levels.Length > PageRowsLeft)
        {
            throw new InvalidOperationException("More levels asked for than the page has rows.");
        }

        PageRowsLeft -= levels.Length;
        if (MaxDefinition == 0)
        {
            return levels.Length;
        }

        try
        {
            return _definitions.ReadLevels(levels, MaxDefinition);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt($"bad definition levels ({e.Message})", e);
        }
    }

    public void Dispose()
    {
        _decompressor.Dispose();
        ArrayPool<byte>.Shared.Return(_chunk);
        if (_page is not null)
        {
            ArrayPool<byte>.Shared.Return(_page);
        }

        if (DictionaryData is not null)
        {
            ArrayPool<byte>.Shared.Return(DictionaryData);
        }
    }

    private void NextPage()
    {
        if (_position >= _length)
        {
            throw Corrupt("the column chunk ended after fewer values than its row group's rows");
        }

        ParquetPageHeader header;
        int headerLength;
        try
        {
            header = ParquetPageHeader.Read(_chunk.AsSpan(_position, _length - _position), out headerLength);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt($"a bad page header at byte {_position} of the column chunk ({e.Message})", e);
        }

        var body = _position + headerLength;
        if (header.CompressedSize > _length - body || header.UncompressedSize > MaxPageBytes)
        {
            throw Corrupt($"a page of {header.CompressedSize} bytes at byte {body} past the end of the {_length}-byte column chunk");
        }

        _position = body + header.CompressedSize;
        switch (header.Type)
        {
            case ParquetPageHeader.DictionaryPage:
                ReadDictionary(header, body);
                break;
            case ParquetPageHeader.DataPage:
                ReadDataPage(header, body);
                break;
            case ParquetPageHeader.DataPageV2:
                ReadDataPageV2(header, body);
                break;
            case ParquetPageHeader.IndexPage:
                break;
            default:
                throw Corrupt($"a page of unknown type {header.Type}");
        }
    }

    private void ReadDictionary(ParquetPageHeader header, int body)
    {
        if (header.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw Corrupt($"a dictionary page in encoding {header.Encoding}");
        }

        var size = header.UncompressedSize;
        if (DictionaryData is null || DictionaryData.Length < size)
        {
            if (DictionaryData is not null)
            {
                ArrayPool<byte>.Shared.Return(DictionaryData);
            }

            DictionaryData = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        }

        Decompress(body, header.CompressedSize, DictionaryData.AsSpan(0, size));
        DictionaryLength = size;
        DictionaryCount = header.ValueCount;
        DictionaryVersion++;
    }

    private void ReadDataPage(ParquetPageHeader header, int body)
    {
        var (data, start, end) = Body(body, header.CompressedSize, header.UncompressedSize, _codec != ParquetCodec.Uncompressed);
        if (MaxDefinition > 0)
        {
            if (header.DefinitionEncoding != ParquetEncoding.Rle)
            {
                throw Corrupt($"definition levels in encoding {header.DefinitionEncoding}");
            }

            if (end - start < 4)
            {
                throw Corrupt("a data page too short for its definition levels");
            }

            var levels = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(start, 4));
            if (levels < 0 || levels > end - start - 4)
            {
                throw Corrupt($"definition levels of {levels} bytes in a page of {end - start}");
            }

            ResetLevels(data, start + 4, levels);
            start += 4 + levels;
        }

        StartValues(header, data, start, end);
    }

    private void ReadDataPageV2(ParquetPageHeader header, int body)
    {
        var levelBytes = (int)Math.Min((long)header.RepetitionLevelsLength + header.DefinitionLevelsLength, int.MaxValue);
        if (levelBytes > header.CompressedSize || levelBytes > header.UncompressedSize)
        {
            throw Corrupt($"levels of {levelBytes} bytes in a page of {header.CompressedSize}");
        }

        if (MaxDefinition > 0)
        {
            ResetLevels(_chunk, body + header.RepetitionLevelsLength, header.DefinitionLevelsLength);
        }

        var compressed = header.IsCompressed && _codec != ParquetCodec.Uncompressed;
        var (data, start, end) = Body(body + levelBytes, header.CompressedSize - levelBytes, header.UncompressedSize - levelBytes, compressed);
        StartValues(header, data, start, end);
    }

    /// <summary>A page body's bytes: in place in the chunk, or decompressed into the page buffer.</summary>
    private (byte[] Data, int Start, int End) Body(int offset, int compressedSize, int uncompressedSize, bool compressed)
    {
        if (!compressed)
        {
            return (_chunk, offset, offset + compressedSize);
        }

        if (_page is null || _page.Length < uncompressedSize)
        {
            if (_page is not null)
            {
                ArrayPool<byte>.Shared.Return(_page);
            }

            _page = ArrayPool<byte>.Shared.Rent(Math.Max(uncompressedSize, 1));
        }

        Decompress(offset, compressedSize, _page.AsSpan(0, uncompressedSize));
        return (_page, 0, uncompressedSize);
    }

    private void Decompress(int offset, int length, Span<byte> target)
    {
        if (_codec == ParquetCodec.Uncompressed)
        {
            if (length != target.Length)
            {
                throw Corrupt($"an uncompressed page of {length} bytes whose header says {target.Length}");
            }

            _chunk.AsSpan(offset, length).CopyTo(target);
            return;
        }

        try
        {
            _decompressor.Decompress(_chunk, offset, length, target);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e.Message, e);
        }
    }

    private void ResetLevels(byte[] data, int offset, int length)
    {
        try
        {
            _definitions.Reset(data, offset, length, 1);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e.Message, e);
        }
    }

    private void StartValues(ParquetPageHeader header, byte[] data, int start, int end)
    {
        Data = data;
        ValuesOffset = start;
        ValuesBit = 0;
        ValuesEnd = end;
        PageEncoding = header.Encoding;
        try
        {
            if (ParquetEncoding.IsDictionary(header.Encoding))
            {
                if (DictionaryData is null)
                {
                    throw Corrupt("a dictionary-encoded page without a dictionary page before it");
                }

                if (end == start)
                {
                    // A page of NULLs only may hold no index bytes at all.
                    ValueRuns.Reset(data, start, 0, 0);
                }
                else
                {
                    ValueRuns.Reset(data, start + 1, end - start - 1, data[start]);
                }
            }
            else if (header.Encoding == ParquetEncoding.Rle)
            {
                var length = end - start >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(start, 4)) : -1;
                if (length < 0 || length > end - start - 4)
                {
                    throw Corrupt("RLE values whose length prefix is past the page's end");
                }

                ValueRuns.Reset(data, start + 4, length, 1);
            }
            else if (header.Encoding != ParquetEncoding.Plain)
            {
                throw Corrupt($"a data page in encoding {header.Encoding}, which the chunk's metadata did not list");
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("The Parquet file", StringComparison.Ordinal))
        {
            throw Corrupt(e.Message, e);
        }

        PageRowsLeft = header.ValueCount;
    }
}
