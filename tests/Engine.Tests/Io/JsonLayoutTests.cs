using System.IO.Compression;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Io;

public sealed class JsonLayoutTests
{
    [Theory]
    [InlineData("[{\"a\":1}]", DataFormat.Jsonl, DataFormat.JsonArray)]
    [InlineData("\uFEFF \r\n\t [", DataFormat.Jsonl, DataFormat.JsonArray)]
    [InlineData("{\"a\":1}\n", DataFormat.Jsonl, DataFormat.Jsonl)]
    [InlineData("{\"a\":1}\n", DataFormat.JsonArray, DataFormat.Jsonl)]
    [InlineData("", DataFormat.Jsonl, DataFormat.Jsonl)]
    [InlineData("[a,b]", DataFormat.Csv, DataFormat.Csv)]
    [InlineData("[text", DataFormat.Text, DataFormat.Text)]
    public void Resolve_FirstNonSpaceByte_DecidesTheJsonLayout(string head, DataFormat format, DataFormat expected) =>
        Assert.Equal(expected, JsonLayout.Resolve(format, Encoding.UTF8.GetBytes(head)));

    [Fact]
    public async Task DetectAsync_GzipArray_IsAnArray()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("\n\n  [{\"a\": 1}]"));
        }

        compressed.Position = 0;

        Assert.Equal(DataFormat.JsonArray, await JsonLayout.DetectAsync(compressed, gzip: true, DataFormat.Jsonl, "a.json.gz"));
    }

    [Theory]
    [InlineData("json", DataFormat.JsonArray)]
    [InlineData("jsonl", DataFormat.Jsonl)]
    public void DataFormats_NameAndTryParse_RoundTrip(string name, DataFormat format)
    {
        Assert.Equal(name, DataFormats.Name(format));
        Assert.True(DataFormats.TryParse(name, out var parsed));
        Assert.Equal(format, parsed);
        Assert.Equal(format != DataFormat.JsonArray, DataFormats.CanCutRanges(format));
    }
}
