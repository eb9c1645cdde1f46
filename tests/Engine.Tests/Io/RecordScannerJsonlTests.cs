using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Io;

public sealed class RecordScannerJsonlTests
{
    private static readonly TableSchema s_schema = ScanHarness.Schema(
        ("id", SqlType.BigInt), ("name", SqlType.Varchar), ("amount", SqlType.Double), ("ok", SqlType.Boolean), ("ts", SqlType.Timestamp));

    private static ScanOptions Jsonl(bool skip = false) => ScanHarness.Options(DataFormat.Jsonl, s_schema, "events.jsonl", skip);

    [Theory]
    [InlineData(16)]
    [InlineData(RecordScanSession.DefaultBufferSize)]
    public async Task ScanAsync_Objects_MatchKeysCaseInsensitively(int bufferSize)
    {
        var jsonl = "{\"ID\":1,\"Name\":\"a\\\"b\",\"amount\":2.5,\"ok\":true,\"ts\":\"2024-03-01T00:00:00Z\",\"extra\":[1,2]}\n"
            + "\n"
            + "{\"name\":\"é\\u00e9\",\"id\":\"2\",\"ok\":null}\r\n"
            + "  {\"id\":3,\"amount\":4}  ";

        var (rows, result) = await ScanHarness.ScanAsync(jsonl, Jsonl(), bufferSize);

        var ts = (new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10;
        Assert.Equal(
            [
                [SqlValue.FromInt64(1), SqlValue.FromText("a\"b"), SqlValue.FromDouble(2.5), SqlValue.FromBool(true), SqlValue.FromTimestamp(ts)],
                [SqlValue.FromInt64(2), SqlValue.FromText("éé"), SqlValue.Null, SqlValue.Null, SqlValue.Null],
                [SqlValue.FromInt64(3), SqlValue.Null, SqlValue.FromDouble(4), SqlValue.Null, SqlValue.Null],
            ],
            rows);
        Assert.Equal(0, result.QuoteCount);
    }

    [Fact]
    public async Task ScanAsync_NestedValueInVarchar_IsMinifiedJson()
    {
        var schema = ScanHarness.Schema(("payload", SqlType.Varchar), ("n", SqlType.Varchar));
        var options = ScanHarness.Options(DataFormat.Jsonl, schema);

        var (rows, _) = await ScanHarness.ScanAsync("{\"payload\":{\"a\": [1, {\"b\":null}]},\"n\":12.50}\n{\"payload\":[],\"n\":false}\n", options);

        Assert.Equal(
            [
                [SqlValue.FromText("{\"a\":[1,{\"b\":null}]}"), SqlValue.FromText("12.50")],
                [SqlValue.FromText("[]"), SqlValue.FromText("false")],
            ],
            rows);
    }

    [Theory]
    [InlineData("[1,2]", "the line is not a JSON object")]
    [InlineData("42", "the line is not a JSON object")]
    [InlineData("{\"id\":1", "malformed JSON")]
    [InlineData("{\"id\":1} {}", "malformed JSON")]
    [InlineData("{\"id\":\"x\"}", "column id: 'x' is not a BIGINT")]
    [InlineData("{\"amount\":{}}", "column amount: a JSON object is not a DOUBLE")]
    [InlineData("{\"ok\":\"maybe\"}", "column ok: 'maybe' is not a BOOLEAN")]
    public async Task ScanAsync_BadLine_ThrowsWithLineAndReason(string bad, string reason)
    {
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync("{\"id\":1}\n\n" + bad + "\n", Jsonl()));

        Assert.Equal("events.jsonl", ex.Record.Source);
        Assert.Equal(3, ex.Record.Line);
        Assert.Equal(10, ex.Record.ByteOffset);
        Assert.StartsWith(reason, ex.Record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_SkipMode_CountsBadLines()
    {
        var (rows, result) = await ScanHarness.ScanAsync("{\"id\":1}\nnope\n{\"id\":2}\n[]\n", Jsonl(skip: true));

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, result.BadRecords);
        Assert.Equal([2L, 4L], result.BadRecordSamples.Select(b => b.Line!.Value));
    }

    [Theory]
    [InlineData("", "the blob is empty")]
    [InlineData("\n  \n", "the blob has no records")]
    public async Task ScanAsync_EmptyBlob_IsBadRecord(string jsonl, string reason)
    {
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(jsonl, Jsonl()));

        Assert.Equal(reason, ex.Record.Reason);
    }

    [Fact]
    public async Task ScanAsync_Ranges_SplitAtNewlines()
    {
        var lines = Enumerable.Range(1, 50).Select(i => $"{{\"id\":{i},\"name\":\"n{i}\"}}").ToList();
        var blob = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        var random = new Random(7);
        for (var round = 0; round < 20; round++)
        {
            var cuts = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (long)random.Next(1, blob.Length)).Distinct().Order().ToList();

            var (rows, rescans) = await ScanHarness.ScanCutAsync(blob, cuts, Jsonl(), 32);

            Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), rows.Select(r => r[0].Int64));
            Assert.Equal(0, rescans);
        }
    }
}
