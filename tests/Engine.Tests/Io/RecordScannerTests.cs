using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Io;

public sealed class RecordScannerTests
{
    private const string Header = "id,name,amount\n";

    private static readonly TableSchema s_schema = ScanHarness.Schema(("id", SqlType.BigInt), ("name", SqlType.Varchar), ("amount", SqlType.Double));

    private static ScanOptions Csv(bool skip = false) => ScanHarness.Options(DataFormat.Csv, s_schema, skip: skip);

    private static SqlValue[] Row(long id, string? name, double? amount) =>
        [SqlValue.FromInt64(id), name is null ? SqlValue.Null : SqlValue.FromText(name), amount is { } a ? SqlValue.FromDouble(a) : SqlValue.Null];

    public static TheoryData<int> BufferSizes => [16, 64, RecordScanSession.DefaultBufferSize];

    [Theory]
    [MemberData(nameof(BufferSizes))]
    public async Task ScanAsync_SimpleCsv_ReadsEveryRecord(int bufferSize)
    {
        var (rows, result) = await ScanHarness.ScanAsync(Header + "1,alpha,1.5\n2,beta,-2.25\n3,gamma,1e3\n", Csv(), bufferSize);

        Assert.Equal([Row(1, "alpha", 1.5), Row(2, "beta", -2.25), Row(3, "gamma", 1000)], rows);
        Assert.Equal(3, result.Records);
        Assert.Equal(0, result.BadRecords);
    }

    [Theory]
    [MemberData(nameof(BufferSizes))]
    public async Task ScanAsync_QuotedFields_HandlesCommasDoubledQuotesAndNewlines(int bufferSize)
    {
        var csv = Header + "1,\"a,b\",1\n2,\"say \"\"hi\"\"\",2\n3,\"line1\nline2\r\nline3\",3\n4,\"\"\"\",4\n";

        var (rows, result) = await ScanHarness.ScanAsync(csv, Csv(), bufferSize);

        Assert.Equal([Row(1, "a,b", 1), Row(2, "say \"hi\"", 2), Row(3, "line1\nline2\r\nline3", 3), Row(4, "\"", 4)], rows);
        Assert.Equal(14, result.QuoteCount);
    }

    [Theory]
    [MemberData(nameof(BufferSizes))]
    public async Task ScanAsync_CrlfLineEnds_StripsCarriageReturns(int bufferSize)
    {
        var (rows, _) = await ScanHarness.ScanAsync("id,name,amount\r\n1,a,1\r\n2,\"b\",2\r\n", Csv(), bufferSize);

        Assert.Equal([Row(1, "a", 1), Row(2, "b", 2)], rows);
    }

    [Fact]
    public async Task ScanAsync_Utf8Bom_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "1,é,1\n")).ToArray();

        var (rows, _) = await ScanHarness.ScanAsync(bytes, Csv());

        Assert.Equal([Row(1, "é", 1)], rows);
    }

    [Theory]
    [InlineData("1,a,1\n2,b,2")]
    [InlineData("1,a,1\n2,b,2\r")]
    [InlineData("1,a,1\n2,b,2\n")]
    public async Task ScanAsync_LastLine_ReadWithOrWithoutNewline(string body)
    {
        var (rows, _) = await ScanHarness.ScanAsync(Header + body, Csv());

        Assert.Equal([Row(1, "a", 1), Row(2, "b", 2)], rows);
    }

    [Fact]
    public async Task ScanAsync_EmptyFields_AreNullUnlessQuotedVarchar()
    {
        var (rows, _) = await ScanHarness.ScanAsync(Header + "1,,\n2,\"\",\"\"\n,x,\n", Csv());

        Assert.Equal([Row(1, null, null), Row(2, string.Empty, null), [SqlValue.Null, SqlValue.FromText("x"), SqlValue.Null]], rows);
    }

    [Fact]
    public async Task ScanAsync_BlankLines_AreSkipped()
    {
        var (rows, _) = await ScanHarness.ScanAsync(Header + "1,a,1\n\n\r\n2,b,2\n\n", Csv());

        Assert.Equal([Row(1, "a", 1), Row(2, "b", 2)], rows);
    }

    [Fact]
    public async Task ScanAsync_TypedColumns_ParseBigIntBooleanTimestamp()
    {
        var schema = ScanHarness.Schema(("n", SqlType.BigInt), ("b", SqlType.Boolean), ("t", SqlType.Timestamp), ("d", SqlType.Double));
        var csv = "n,b,t,d\n-42,true,2024-03-01T12:34:56Z,0.5\n9223372036854775807,F,2024-03-01 12:34:56.25,\"3\"\n0,1,2024-03-01,-0\n";

        var (rows, _) = await ScanHarness.ScanAsync(csv, ScanHarness.Options(DataFormat.Csv, schema));

        var t = new DateTime(2024, 3, 1, 12, 34, 56, DateTimeKind.Utc);
        long Micros(DateTime d) => (d - DateTime.UnixEpoch).Ticks / 10;
        Assert.Equal(
            [
                [SqlValue.FromInt64(-42), SqlValue.FromBool(true), SqlValue.FromTimestamp(Micros(t)), SqlValue.FromDouble(0.5)],
                [SqlValue.FromInt64(long.MaxValue), SqlValue.FromBool(false), SqlValue.FromTimestamp(Micros(t) + 250_000), SqlValue.FromDouble(3)],
                [SqlValue.FromInt64(0), SqlValue.FromBool(true), SqlValue.FromTimestamp(Micros(t.Date)), SqlValue.FromDouble(-0.0)],
            ],
            rows);
    }

    [Fact]
    public async Task ScanAsync_OnlyNeededColumns_LeavesOthersNull()
    {
        var options = Csv() with { NeededColumns = [false, true, false] };

        var (rows, _) = await ScanHarness.ScanAsync(Header + "1,a,notanumber\n", options);

        Assert.Equal([[SqlValue.Null, SqlValue.FromText("a"), SqlValue.Null]], rows);
    }

    [Theory]
    [InlineData("1,a,1\n2,b\n", 3, "expected 3 fields, found 2")]
    [InlineData("1,a,1\n2,b,2,4\n", 3, "expected 3 fields, found 4")]
    [InlineData("1,a,abc\n", 2, "column amount: 'abc' is not a DOUBLE")]
    [InlineData("1,a,1\nx,a,1\n", 3, "column id: 'x' is not a BIGINT")]
    [InlineData("1,\"multi\nline\",1\n2,b,1,1\n", 4, "expected 3 fields, found 4")]
    [InlineData("1,a,1\n2,\"open,2\n3,c,3\n", 3, "unterminated quoted field: a quote is not closed before the end of the input")]
    [InlineData("1,\"ab\"c,1\n", 2, "column name: unexpected text after a closing quote")]
    public async Task ScanAsync_BadRecord_ThrowsWithLineAndReason(string body, long line, string reason)
    {
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(Header + body, Csv()));

        Assert.Equal(new BadRecord("test.csv", Encoding.UTF8.GetByteCount(Header + body.Split('\n')[..((int)line - 2)].Aggregate(string.Empty, (a, l) => a + l + "\n")), line, reason), ex.Record);
        Assert.Contains($"test.csv, line {line}: {reason}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_InvalidUtf8_IsBadRecord()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "1,a,1\n2,").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(",2\n")).ToArray();

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(bytes, Csv()));

        Assert.Equal(3, ex.Record.Line);
        Assert.Equal("invalid UTF-8", ex.Record.Reason);
    }

    [Theory]
    [MemberData(nameof(BufferSizes))]
    public async Task ScanAsync_RecordLongerThanLimit_IsBadRecordAndSkipModeGoesOn(int bufferSize)
    {
        var longName = new string('x', 100);
        var csv = Header + "1,a,1\n2,\"" + longName + "\n" + longName + "\",2\n3,c,3\n";
        var options = Csv(skip: true) with { MaxRecordBytes = 50 };

        var (rows, result) = await ScanHarness.ScanAsync(csv, options, bufferSize);

        Assert.Equal([Row(1, "a", 1), Row(3, "c", 3)], rows);
        Assert.Equal(1, result.BadRecords);
        Assert.Equal(new BadRecord("test.csv", Header.Length + 6, 3, "the record is longer than 50 bytes"), result.BadRecordSamples.Single());
    }

    [Fact]
    public async Task ScanAsync_SkipMode_CountsBadRecordsAndKeepsFirstSamples()
    {
        var body = string.Concat(Enumerable.Range(1, 10).Select(i => i % 2 == 0 ? $"{i},bad\n" : $"{i},ok,{i}\n"));
        var options = Csv(skip: true) with { MaxBadRecordSamples = 2 };

        var (rows, result) = await ScanHarness.ScanAsync(Header + body, options);

        Assert.Equal(5, rows.Count);
        Assert.Equal(5, result.Records);
        Assert.Equal(5, result.BadRecords);
        Assert.Equal([3L, 5L], result.BadRecordSamples.Select(b => b.Line!.Value));
    }

    [Fact]
    public async Task ScanAsync_EmptyBlob_IsBadRecord()
    {
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(string.Empty, Csv()));

        Assert.Equal(new BadRecord("test.csv", 0, 1, "the blob is empty"), ex.Record);
    }

    [Theory]
    [InlineData("id,name,amount")]
    [InlineData("id,name,amount\n")]
    [InlineData("id,name,amount\r\n\r\n")]
    public async Task ScanAsync_HeaderOnly_IsBadRecord(string csv)
    {
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(csv, Csv()));

        Assert.Equal("the blob has a header but no records", ex.Record.Reason);
    }

    [Fact]
    public async Task ScanAsync_EmptyBlobInSkipMode_CountsOneBadRecord()
    {
        var (rows, result) = await ScanHarness.ScanAsync(string.Empty, Csv(skip: true));

        Assert.Empty(rows);
        Assert.Equal(1, result.BadRecords);
    }

    [Fact]
    public async Task ScanAsync_EmptyRangeOfLargerBlob_IsNotBadRecord()
    {
        var options = Csv() with { RangeStart = 0, RangeEnd = 3 };

        var (rows, result) = await ScanHarness.ScanAsync(Header + "1,a,1\n", options);

        Assert.Empty(rows);
        Assert.Equal(0, result.BadRecords);
    }

    [Fact]
    public async Task ScanAsync_HeaderDifferentFromSchema_ThrowsEvenInSkipMode()
    {
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync("id,label,amount\n1,a,1\n", Csv(skip: true)));

        Assert.Equal("test.csv", ex.Record.Source);
        Assert.Equal(1, ex.Record.Line);
        Assert.Contains("does not match the schema", ex.Record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_HeaderCaseAndQuotes_MatchSchema()
    {
        var (rows, _) = await ScanHarness.ScanAsync("ID,\"Name\",amount\n1,a,1\n", Csv());

        Assert.Single(rows);
    }

    [Fact]
    public async Task ScanAsync_RangeStartingMidBlob_ReportsByteOffsetWithoutLine()
    {
        var csv = Header + "1,a,1\n2,b\n3,c,3\n";
        var start = Header.Length + 3;
        var options = Csv(skip: true) with { RangeStart = start };

        var (rows, result) = await ScanHarness.ScanAsync(csv, options);

        Assert.Equal([Row(3, "c", 3)], rows);
        Assert.Equal(new BadRecord("test.csv", Header.Length + 6, null, "expected 3 fields, found 2"), result.BadRecordSamples.Single());
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        Assert.Equal(3, await LineLocator.CountLinesAsync(stream, result.BadRecordSamples[0].ByteOffset));
    }

    [Fact]
    public async Task ScanAsync_RangeStartingAtRecordStart_OwnsThatRecord()
    {
        var csv = Header + "1,a,1\n2,b,2\n3,c,3\n";
        var second = Header.Length + 6;

        var (first, r1) = await ScanHarness.ScanAsync(csv, Csv() with { RangeEnd = second });
        var (rest, r2) = await ScanHarness.ScanAsync(csv, Csv() with { RangeStart = second });

        Assert.Equal([Row(1, "a", 1)], first);
        Assert.Equal([Row(2, "b", 2), Row(3, "c", 3)], rest);
        Assert.Equal(second, r1.BytesRead);
        Assert.Equal(12, r2.BytesRead);
    }

    [Fact]
    public async Task ScanAsync_WrongQuoteGuessThatFails_ThrowsWithQuoteCount()
    {
        var csv = Header + "1,\"x\ny,z\",1\n2,b,2\n";
        var start = Header.Length + 5;
        var options = Csv() with { RangeStart = start, StartsInsideQuotes = false };

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(csv, options));

        Assert.Equal(1, ex.QuoteCount);
        var (rows, _) = await ScanHarness.ScanAsync(csv, options with { StartsInsideQuotes = true });
        Assert.Equal([Row(2, "b", 2)], rows);
    }

    [Fact]
    public async Task ScanAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + "1,a,1\n"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RecordScanner.ScanAsync(stream, Csv(), new CollectingSink(), cts.Token));
    }
}
