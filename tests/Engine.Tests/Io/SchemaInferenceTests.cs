using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.Io;

public sealed class SchemaInferenceTests
{
    private static (string, SqlType)[] Columns(TableSchema schema) => [.. schema.Columns.Select(c => (c.Name, c.Type))];

    [Fact]
    public void Infer_Csv_PicksNarrowestTypePerColumn()
    {
        var csv = "\uFEFFi,d,b,t,s,e,mixed\n1,1.5,true,2024-03-01T12:00:00Z,x,,1\n-2,2,FALSE,2024-03-02 00:00:00,\"y,z\",,abc\n,,,,,\"\",\n";

        var schema = SchemaInference.Infer(DataFormat.Csv, Encoding.UTF8.GetBytes(csv), true, "a.csv");

        Assert.Equal(
            [("i", SqlType.BigInt), ("d", SqlType.Double), ("b", SqlType.Boolean), ("t", SqlType.Timestamp), ("s", SqlType.Varchar), ("e", SqlType.Varchar), ("mixed", SqlType.Varchar)],
            Columns(schema));
    }

    [Fact]
    public void Infer_CsvHeadCutMidRecord_IgnoresTheCutRecord()
    {
        var head = Encoding.UTF8.GetBytes("n\n1\n2\n3.");

        Assert.Equal(SqlType.BigInt, SchemaInference.Infer(DataFormat.Csv, head, false, "a.csv").Columns[0].Type);
        Assert.Equal(SqlType.Double, SchemaInference.Infer(DataFormat.Csv, head, true, "a.csv").Columns[0].Type);
    }

    [Fact]
    public async Task Infer_SalesData_GivesTheDatasetSchema()
    {
        using var stream = new MemoryStream();
        await SalesDataGenerator.WriteCsvAsync(stream, 5000, 1, 0);
        var head = stream.ToArray().AsSpan(0, 64 * 1024);

        var schema = SchemaInference.Infer(DataFormat.Csv, head, false, "sales.csv");

        Assert.Equal(Columns(SchemaParser.Parse(SalesDataGenerator.SchemaSpec)), Columns(schema));
    }

    [Theory]
    [InlineData("", "the blob is empty")]
    [InlineData("\uFEFF", "the blob is empty")]
    [InlineData("\n1\n", "no header: the first line is empty")]
    [InlineData("a,b,A\n1,2,3\n", "the header names column 'A' twice")]
    [InlineData("a,,b\n", "column 2 of the header has no name")]
    [InlineData("a,\"b\n", "the header has an unterminated quoted field")]
    public void Infer_BadCsv_ThrowsWithReason(string csv, string reason)
    {
        var ex = Assert.Throws<BadRecordException>(() => SchemaInference.Infer(DataFormat.Csv, Encoding.UTF8.GetBytes(csv), true, "a.csv"));

        Assert.Equal(new BadRecord("a.csv", 0, 1, reason), ex.Record);
    }

    [Fact]
    public void Infer_CsvHeaderWithInvalidUtf8_Throws()
    {
        byte[] head = [(byte)'a', 0xFF, (byte)'\n', (byte)'1', (byte)'\n'];

        var ex = Assert.Throws<BadRecordException>(() => SchemaInference.Infer(DataFormat.Csv, head, true, "a.csv"));

        Assert.StartsWith("the header is not valid UTF-8", ex.Record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_CsvHeaderLongerThanSample_Throws()
    {
        var ex = Assert.Throws<BadRecordException>(() => SchemaInference.Infer(DataFormat.Csv, "abc,def"u8, false, "a.csv"));

        Assert.StartsWith("no header", ex.Record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_Jsonl_ColumnsInOrderOfFirstAppearance()
    {
        var jsonl = "{\"id\":1,\"price\":2,\"name\":\"a\"}\n"
            + "not json\n"
            + "{\"ID\":2,\"price\":2.5,\"flag\":true,\"when\":\"2024-01-01T00:00:00Z\",\"tags\":[1],\"mixed\":1}\n"
            + "{\"mixed\":\"x\",\"nothing\":null}\n"
            + "{\"cut\":";

        var schema = SchemaInference.Infer(DataFormat.Jsonl, Encoding.UTF8.GetBytes(jsonl), false, "e.jsonl");

        Assert.Equal(
            [("id", SqlType.BigInt), ("price", SqlType.Double), ("name", SqlType.Varchar), ("flag", SqlType.Boolean), ("when", SqlType.Timestamp), ("tags", SqlType.Varchar), ("mixed", SqlType.Varchar), ("nothing", SqlType.Varchar)],
            Columns(schema));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1]\n42\n")]
    public void Infer_JsonlWithoutObjects_Throws(string jsonl)
    {
        Assert.Throws<BadRecordException>(() => SchemaInference.Infer(DataFormat.Jsonl, Encoding.UTF8.GetBytes(jsonl), true, "e.jsonl"));
    }

    [Fact]
    public void Infer_Text_IsOneLineColumn()
    {
        Assert.Equal([("line", SqlType.Varchar)], Columns(SchemaInference.Infer(DataFormat.Text, "whatever"u8, false, "t.txt")));
    }
}
