using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Io;

public sealed class RecordScannerJsonArrayTests
{
    private static readonly TableSchema s_schema = ScanHarness.Schema(
        ("id", SqlType.BigInt), ("name", SqlType.Varchar), ("amount", SqlType.Double), ("tags", SqlType.Varchar));

    private static ScanOptions Array(bool skip = false, int maxRecordBytes = 16 * 1024 * 1024) =>
        ScanHarness.Options(DataFormat.JsonArray, s_schema, "events.json", skip) with { MaxRecordBytes = maxRecordBytes };

    private static ScanOptions Lines() => ScanHarness.Options(DataFormat.Jsonl, s_schema, "events.jsonl");

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(RecordScanSession.DefaultBufferSize)]
    public async Task ScanAsync_PrettyPrintedArray_GivesTheRowsOfTheSameJsonLinesWithNestedTextMinified(int bufferSize)
    {
        string[] objects =
        [
            "{\"id\":1,\"name\":\"a \\\"}]\\\\\",\"amount\":2.5,\"tags\":[\"x\",{\"y\":\"]\"}]}",
            "{\"id\":2,\"name\":\"Zoë 日本 \\u00e9\",\"amount\":null}",
            "{\"name\":null,\"id\":3,\"nested\":{\"deep\":[[{}]]},\"tags\":[]}",
            "{}",
        ];
        var array = "\uFEFF \r\n[\n  " + string.Join(" ,\r\n  ", objects.Select(o => o.Replace(",", ",\n    ", StringComparison.Ordinal))) + "\n]\n\t";
        var (expected, _) = await ScanHarness.ScanAsync(string.Join("\n", objects), Lines());

        var (rows, result) = await ScanHarness.ScanAsync(array, Array(), bufferSize);

        Assert.Equal(expected, rows);
        Assert.Equal(4, result.Records);
        Assert.Equal(SqlValue.FromText("a \"}]\\"), rows[0][1]);
        Assert.Equal(SqlValue.FromText("[\"x\",{\"y\":\"]\"}]"), rows[0][3]);
    }

    [Theory]
    [InlineData("{\"id\":1}", 1, 0, "not a JSON array: the input starts with '{', not '['")]
    [InlineData("[{\"id\":1},\n{\"id\":2}", 2, 19, "the JSON array is cut short: the input ends after 2 elements, before the closing ']'")]
    [InlineData("[{\"id\":1},\n{\"id\":2,\"name\":\"x", 2, 11, "the JSON array is cut short: element 2 is not closed")]
    [InlineData("[{\"id\":1}\n{\"id\":2}]", 2, 10, "expected ',' or ']' after element 1 of the JSON array, found '{'")]
    [InlineData("[{\"id\":1}]\n]", 2, 11, "unexpected data after the JSON array: ']'")]
    [InlineData("[{\"id\":1},\n 2]", 2, 12, "element 2 of the JSON array is not an object: it starts with '2'")]
    [InlineData("[{\"id\":1},\n]", 2, 11, "element 2 of the JSON array is not an object: it starts with ']'")]
    [InlineData("[{\"id\":1},\n{\"id\":\"x\"}]", 2, 11, "column id: 'x' is not a BIGINT")]
    [InlineData("[{\"id\":1},\n{\"id\":1 \"a\":2}]", 2, 11, "malformed JSON")]
    [InlineData("[\n]", 1, 0, "the JSON array has no records")]
    [InlineData(" \n ", 1, 0, "the blob is empty")]
    public async Task ScanAsync_BadArray_ThrowsWithLineAndReason(string json, long line, long offset, string reason)
    {
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(json, Array(), 8));

        Assert.Equal("events.json", ex.Record.Source);
        Assert.Equal(line, ex.Record.Line);
        Assert.Equal(offset, ex.Record.ByteOffset);
        Assert.StartsWith(reason, ex.Record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_SkipMode_SkipsBadElementsAndStopsAtABrokenStructure()
    {
        var json = "[{\"id\":1},{\"id\":\"x\"},{\"id\":3,\"name\":\"" + new string('n', 100) + "\"},{\"id\":4}\n{\"id\":5}]";

        var (rows, result) = await ScanHarness.ScanAsync(json, Array(skip: true, maxRecordBytes: 64), 16);

        Assert.Equal([1L, 4L], rows.Select(r => r[0].Int64));
        Assert.Equal(3, result.BadRecords);
        Assert.Equal(
            ["column id: 'x' is not a BIGINT", "the record is longer than 64 bytes", "expected ',' or ']' after element 4 of the JSON array, found '{'"],
            result.BadRecordSamples.Select(b => b.Reason));
    }

    [Fact]
    public async Task ScanAsync_TooLongElementThatIsNeverClosed_ReportsTheCutArray()
    {
        var json = "[{\"id\":1},{\"name\":\"" + new string('n', 200);

        var (rows, result) = await ScanHarness.ScanAsync(json, Array(skip: true, maxRecordBytes: 64), 16);

        Assert.Equal([1L], rows.Select(r => r[0].Int64));
        Assert.Equal(["the record is longer than 64 bytes", "the JSON array is cut short: the input ends after 2 elements, before the closing ']'"], result.BadRecordSamples.Select(b => b.Reason));
    }

    [Fact]
    public void ScanOptions_RangeOfAnArray_IsRefused()
    {
        var options = Array() with { RangeStart = 10 };

        Assert.Throws<ArgumentException>(() => new RecordScanSession(options, new CollectingSink()));
    }

    [Fact]
    public async Task ScanAsync_TenMegabyteArray_AllocatesFarLessThanItsSize()
    {
        var schema = ScanHarness.Schema(("delay", SqlType.BigInt), ("distance", SqlType.BigInt), ("time", SqlType.Double));
        var builder = new StringBuilder("[");
        for (var i = 0; builder.Length < 10_000_000; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append("{\"delay\":").Append(i % 300 - 20).Append(",\"distance\":").Append(i % 2000 + 100).Append(",\"time\":").Append(i % 24).Append(".25}");
        }

        var blob = Encoding.UTF8.GetBytes(builder.Append(']').ToString());
        var options = ScanHarness.Options(DataFormat.JsonArray, schema, "flights.json");
        var sink = new CountingSink();
        using var stream = new MemoryStream(blob, writable: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = await new RecordScanSession(options, sink).RunAsync(stream, default);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.Records > 200_000);
        Assert.Equal(result.Records, sink.Rows);
        Assert.True(allocated < blob.Length / 10, $"the scan of a {blob.Length}-byte array allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("{\"id\":1,\"owner\":{\"name\":\"Zoë\",\"address\":{\"city\":\"Oslo\"}}}", "Zoë", "Oslo")]
    [InlineData("{\"OWNER\":{\"Name\":\"a\",\"address\":null},\"id\":1}", "a", null)]
    [InlineData("{\"owner\":null,\"id\":1}", null, null)]
    [InlineData("{\"own\\u0065r\":{\"addr\\u0065ss\":{\"city\":\"日本\"}},\"id\":1}", null, "日本")]
    public async Task ScanAsync_NestedObjects_FillTheDottedColumns(string element, string? name, string? city)
    {
        var schema = ScanHarness.Schema(("id", SqlType.BigInt), ("owner.name", SqlType.Varchar), ("owner.address.city", SqlType.Varchar));

        var (rows, _) = await ScanHarness.ScanAsync($"[{element}]", ScanHarness.Options(DataFormat.JsonArray, schema, "o.json"));

        SqlValue Text(string? s) => s is null ? SqlValue.Null : SqlValue.FromText(s);
        Assert.Equal([SqlValue.FromInt64(1), Text(name), Text(city)], rows.Single());
    }

    [Fact]
    public async Task ScanAsync_ScalarWhereFlattenedColumnsNeedAnObject_IsBadRecordOnlyWhenRead()
    {
        var schema = ScanHarness.Schema(("id", SqlType.BigInt), ("owner.name", SqlType.Varchar));
        var json = "[{\"id\":1,\"owner\":{\"name\":\"a\"}},\n{\"id\":2,\"owner\":\"bob\"}]";
        var idOnly = ScanHarness.Options(DataFormat.JsonArray, schema, "o.json") with { NeededColumns = [true, false] };

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(json, ScanHarness.Options(DataFormat.JsonArray, schema, "o.json")));
        var (rows, _) = await ScanHarness.ScanAsync(json, idOnly);

        Assert.Equal("o.json, line 2: key owner: a JSON string where the columns owner.* need an object", ex.Message);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task ScanAsync_ElementNestedOneHundredThousandDeep_IsABadRecordNamingTheDepth()
    {
        var json = "[{\"id\":1},\n{\"id\":2,\"tags\":" + new string('[', 100_000) + new string(']', 100_000) + "},\n{\"id\":3}]";

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(json, Array()));
        var (rows, result) = await ScanHarness.ScanAsync(json, Array(skip: true));

        Assert.Equal(2, ex.Record.Line);
        Assert.Contains("nested too deeply", ex.Record.Reason, StringComparison.Ordinal);
        Assert.Equal([1L, 3L], rows.Select(r => r[0].Int64));
        Assert.Equal(1, result.BadRecords);
    }

    private sealed class CountingSink : IRowSink
    {
        public long Rows { get; private set; }

        public void Accept(ReadOnlySpan<SqlValue> row) => Rows++;
    }
}
