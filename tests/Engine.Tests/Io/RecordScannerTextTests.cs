using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Io;

public sealed class RecordScannerTextTests
{
    private static readonly TableSchema s_schema = SchemaInference.Infer(DataFormat.Text, [], true, "log.txt");

    private static ScanOptions Text(bool skip = false) => ScanHarness.Options(DataFormat.Text, s_schema, "log.txt", skip);

    [Theory]
    [InlineData("one\ntwo \"x\r\n\nlast", new[] { "one", "two \"x", "", "last" })]
    [InlineData("one\ntwo\n", new[] { "one", "two" })]
    [InlineData("\uFEFFsolo", new[] { "solo" })]
    public async Task ScanAsync_Lines_AreRecords(string text, string[] expected)
    {
        var (rows, result) = await ScanHarness.ScanAsync(text, Text());

        Assert.Equal(expected, rows.Select(r => r[0].Text));
        Assert.Equal(0, result.QuoteCount);
    }

    [Fact]
    public async Task ScanAsync_EmptyBlob_IsBadRecord()
    {
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(string.Empty, Text()));

        Assert.Equal("the blob is empty", ex.Record.Reason);
    }

    [Fact]
    public async Task ScanAsync_InvalidUtf8Line_IsSkippedAndCounted()
    {
        var bytes = Encoding.UTF8.GetBytes("a\n").Concat(new byte[] { 0xFF, (byte)'\n' }).Concat(Encoding.UTF8.GetBytes("b")).ToArray();

        var (rows, result) = await ScanHarness.ScanAsync(bytes, Text(skip: true));

        Assert.Equal(["a", "b"], rows.Select(r => r[0].Text));
        Assert.Equal(new BadRecord("log.txt", 2, 2, "invalid UTF-8"), result.BadRecordSamples.Single());
    }

    [Fact]
    public async Task ScanAsync_Ranges_GiveEveryLineOnce()
    {
        var text = string.Join("\r\n", Enumerable.Range(0, 200).Select(i => $"line {i} \"q"));
        var blob = Encoding.UTF8.GetBytes(text);
        var random = new Random(3);
        for (var round = 0; round < 30; round++)
        {
            var cuts = Enumerable.Range(0, random.Next(1, 10)).Select(_ => (long)random.Next(1, blob.Length)).Distinct().Order().ToList();

            var (rows, _) = await ScanHarness.ScanCutAsync(blob, cuts, Text(), 16);

            Assert.Equal(Enumerable.Range(0, 200).Select(i => $"line {i} \"q"), rows.Select(r => r[0].Text));
        }
    }

    [Fact]
    public async Task ScanAsync_UnneededLine_IsNull()
    {
        var (rows, _) = await ScanHarness.ScanAsync("x\ny\n", Text() with { NeededColumns = [false] });

        Assert.Equal([SqlValue.Null, SqlValue.Null], rows.Select(r => r[0]));
    }
}
