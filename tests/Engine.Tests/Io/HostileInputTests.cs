using System.IO.Compression;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Io;

/// <summary>Files that are broken or made to hurt: each is a bad record naming the blob, where and why, never a crash.</summary>
public sealed class HostileInputTests
{
    private const int HundredMegabytes = 100 * 1024 * 1024;

    private static readonly TableSchema s_csv = ScanHarness.Schema(("a", SqlType.BigInt), ("b", SqlType.Varchar));

    [Theory]
    [InlineData(DataFormat.Csv)]
    [InlineData(DataFormat.Jsonl)]
    [InlineData(DataFormat.Text)]
    public async Task ScanAsync_HundredMegabyteLineWithoutNewline_FailsNamingBlobLineAndLimit(DataFormat format)
    {
        var (head, schema) = format switch
        {
            DataFormat.Csv => ("a,b\n1,x\n", s_csv),
            DataFormat.Jsonl => ("{\"a\":1}\n", ScanHarness.Schema(("a", SqlType.BigInt))),
            _ => ("first\n", ScanHarness.Schema((SchemaInference.TextColumnName, SqlType.Varchar))),
        };
        await using var input = new LongLineStream(Encoding.UTF8.GetBytes(head), HundredMegabytes, tail: []);
        var options = ScanHarness.Options(format, schema, "huge/data.bin");

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => RecordScanner.ScanAsync(input, options, new CollectingSink()));

        Assert.Equal("huge/data.bin", ex.Record.Source);
        Assert.Equal(head.Count(c => c == '\n') + 1, ex.Record.Line);
        Assert.Equal(head.Length, ex.Record.ByteOffset);
        Assert.Contains($"longer than {options.MaxRecordBytes} bytes", ex.Record.Reason, StringComparison.Ordinal);
        Assert.True(input.Position < HundredMegabytes, $"the scan read {input.Position} bytes of a line it had already rejected");
    }

    [Fact]
    public async Task ScanAsync_HundredMegabyteLineSkipped_ReadsTheRecordsAroundIt()
    {
        await using var input = new LongLineStream("a,b\n1,x\n"u8.ToArray(), HundredMegabytes, tail: "\n2,y\n3,z\n"u8.ToArray());
        var sink = new CollectingSink();

        var result = await RecordScanner.ScanAsync(input, ScanHarness.Options(DataFormat.Csv, s_csv, skip: true), sink);

        Assert.Equal([1L, 2L, 3L], sink.Rows.Select(r => r[0].Int64));
        Assert.Equal(1, result.BadRecords);
        Assert.Equal(3, Assert.Single(result.BadRecordSamples).Line);
    }

    [Fact]
    public async Task ScanAsync_RecordLimitFromOptions_IsTheLimitApplied()
    {
        var options = ScanHarness.Options(DataFormat.Csv, s_csv) with { MaxRecordBytes = 64 };
        var csv = "a,b\n1," + new string('x', 60) + "\n2," + new string('y', 70) + "\n";

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(csv, options, bufferSize: 16));

        Assert.Equal(3, ex.Record.Line);
        Assert.Contains("longer than 64 bytes", ex.Record.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> BinaryFiles()
    {
        var random = new Random(4);
        var noise = new byte[200_000];
        random.NextBytes(noise);
        byte[] png = [0x89, .. "PNG\r\n\u001a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66];
        var elf = new byte[4096];
        "\u007fELF"u8.CopyTo(elf);
        return new() { { "random bytes", noise }, { "a PNG header", png }, { "an ELF binary of zeros", elf } };
    }

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public async Task InferAsync_BinaryFileNamedCsv_FailsNamingTheFile(string what, byte[] content)
    {
        using var input = new MemoryStream(content);

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => SchemaInference.InferAsync(input, gzip: false, DataFormat.Csv, "bin/image.csv"));

        Assert.True(ex.Record.Source == "bin/image.csv", what);
        Assert.Contains("binary", ex.Record.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public async Task ScanAsync_BinaryFileNamedCsv_FailsNamingTheFile(string what, byte[] content)
    {
        // The schema a user could force with --schema; the scan must still refuse the bytes.
        var header = "a,b\n"u8.ToArray();
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync([.. header, .. content], ScanHarness.Options(DataFormat.Csv, s_csv, "bin/image.csv")));

        Assert.True(ex.Record.Source == "bin/image.csv", what);
        Assert.NotNull(ex.Record.Line);
    }

    public static TheoryData<string, byte[]> CorruptGzips()
    {
        var whole = Gzip(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},row{i}\n")).Insert(0, "a,b\n"));
        var flipped = whole.ToArray();
        for (var i = 100; i < 140; i++)
        {
            flipped[i] ^= 0x5a;
        }

        return new()
        {
            { "not gzip at all", "a,b\n1,x\n"u8.ToArray() },
            { "a gzip header then garbage", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, .. "garbage, not deflate"u8] },
            { "cut in the middle", whole[..(whole.Length / 2)] },
            { "without its trailer", whole[..^8] },
            { "bytes flipped", flipped },
            { "a bad checksum", [.. whole[..^8], (byte)(whole[^8] ^ 1), .. whole[^7..]] },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptGzips))]
    public async Task ScanAsync_CorruptGzip_FailsNamingTheBlob(string what, byte[] content)
    {
        var options = ScanHarness.Options(DataFormat.Csv, s_csv, "zip/data.csv.gz");

        var ex = await Assert.ThrowsAsync<BadRecordException>(async () =>
        {
            await using var input = GzipInputStream.Open(new MemoryStream(content), "zip/data.csv.gz");
            await RecordScanner.ScanAsync(input, options, new CollectingSink());
        });

        Assert.True(ex.Record.Source == "zip/data.csv.gz", what);
        Assert.True(ex.Record.Reason.StartsWith("not a valid gzip file", StringComparison.Ordinal), $"{what}: {ex.Record.Reason}");
    }

    [Fact]
    public async Task ScanAsync_ValidGzip_ReadsEveryRecord()
    {
        var csv = "a,b\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{i},row{i}\n"));
        await using var input = GzipInputStream.Open(new MemoryStream(Gzip(csv)), "zip/data.csv.gz");
        var sink = new CollectingSink();

        var result = await RecordScanner.ScanAsync(input, ScanHarness.Options(DataFormat.Csv, s_csv, "zip/data.csv.gz"), sink);

        Assert.Equal(50_000, result.Records);
        Assert.Equal(Enumerable.Range(0, 50_000).Sum(i => (long)i), sink.Rows.Sum(r => r[0].Int64));
    }

    [Fact]
    public async Task ScanAsync_ConcatenatedGzipMembers_ReadsBoth()
    {
        byte[] content = [.. Gzip("a,b\n1,x\n"), .. Gzip("2,y\n")];
        await using var input = GzipInputStream.Open(new MemoryStream(content), "zip/two.csv.gz");
        var sink = new CollectingSink();

        await RecordScanner.ScanAsync(input, ScanHarness.Options(DataFormat.Csv, s_csv), sink);

        Assert.Equal([1L, 2L], sink.Rows.Select(r => r[0].Int64));
    }

    [Theory]
    [MemberData(nameof(CorruptGzips))]
    public async Task InferAsync_CorruptGzip_FailsNamingTheBlob(string what, byte[] content)
    {
        using var input = new MemoryStream(content);

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => SchemaInference.InferAsync(input, gzip: true, DataFormat.Csv, "zip/data.csv.gz"));

        Assert.True(ex.Record.Reason.StartsWith("not a valid gzip file", StringComparison.Ordinal), $"{what}: {ex.Record.Reason}");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(100_000)]
    public async Task ScanAsync_DeeplyNestedJsonInAColumn_IsABadRecordNamingTheDepth(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);
        var jsonl = "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":" + nested + "}\n";

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(jsonl, ScanHarness.Options(DataFormat.Jsonl, s_csv, "deep.jsonl")));

        Assert.Equal(2, ex.Record.Line);
        Assert.Contains("nested", ex.Record.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ScanAsync_DeeplyNestedJsonInAnUnreadColumn_IsStillABadRecord()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"k\":", 5_000)) + "1" + new string('}', 5_000);
        var jsonl = "{\"a\":1,\"skip\":" + nested + "}\n";
        var options = ScanHarness.Options(DataFormat.Jsonl, s_csv, "deep.jsonl") with { NeededColumns = [true, false] };

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(jsonl, options));

        Assert.Equal(1, ex.Record.Line);
    }

    [Fact]
    public async Task ScanAsync_HugeJsonLine_FailsWithTheRecordLimit()
    {
        var big = "{\"a\":1,\"b\":\"" + new string('x', 20 * 1024 * 1024) + "\"}\n{\"a\":2,\"b\":\"y\"}\n";

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(big, ScanHarness.Options(DataFormat.Jsonl, s_csv, "big.jsonl")));

        Assert.Equal(1, ex.Record.Line);
        Assert.Contains("longer than", ex.Record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferAsync_DeeplyNestedJson_IgnoresTheLineOrFailsClearly()
    {
        var nested = new string('[', 100_000) + new string(']', 100_000);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":" + nested + "}\n{\"a\":1}\n"));

        var schema = await SchemaInference.InferAsync(input, gzip: false, DataFormat.Jsonl, "deep.jsonl");

        Assert.Equal("a", Assert.Single(schema.Columns).Name);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    /// <summary>A head, then <c>length</c> bytes of 'x' produced on the fly (no 100 MB array), then a tail.</summary>
    private sealed class LongLineStream(byte[] head, long length, byte[] tail) : Stream
    {
        private readonly long _total = head.Length + length + tail.Length;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _total;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _total - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[i] = at < head.Length ? head[at] : at < head.Length + length ? (byte)'x' : tail[at - head.Length - length];
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
