using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Io;

public sealed class JsonSchemaInferenceTests
{
    private static (string, SqlType)[] Columns(TableSchema schema) => [.. schema.Columns.Select(c => (c.Name, c.Type))];

    [Fact]
    public void Infer_JsonArray_FlattensObjectsAndKeepsArraysAsText()
    {
        var json = """
            [
              {"id": 1, "owner": {"name": "Zoë", "address": {"city": "Oslo"}}, "tags": [1, 2], "mixed": {"a": 1}},
              {"id": 2, "owner": null, "amount": 2.5, "mixed": 3, "empty": {}},
              {"id": 3, "owner": {"name": null, "age": 40, "address": {"zip": 150}}, "amount": 1}
            ]
            """;

        var schema = SchemaInference.Infer(DataFormat.JsonArray, Encoding.UTF8.GetBytes(json), true, "a.json");

        Assert.Equal(
            [
                ("id", SqlType.BigInt), ("owner.name", SqlType.Varchar), ("owner.address.city", SqlType.Varchar), ("owner.address.zip", SqlType.BigInt),
                ("owner.age", SqlType.BigInt), ("tags", SqlType.Varchar), ("mixed", SqlType.Varchar), ("amount", SqlType.Double), ("empty", SqlType.Varchar),
            ],
            Columns(schema));
    }

    [Fact]
    public void Infer_JsonArrayHeadCutMidElement_IgnoresTheCutElement()
    {
        var head = Encoding.UTF8.GetBytes("\uFEFF [{\"n\": 1}, {\"n\": 2},\n {\"n\": 3.5, \"s\": \"}");

        Assert.Equal([("n", SqlType.BigInt)], Columns(SchemaInference.Infer(DataFormat.JsonArray, head, false, "a.json")));
    }

    [Fact]
    public void Infer_JsonLines_FlattensNestedObjects()
    {
        var jsonl = "{\"a\": {\"b\": 1, \"c\": {\"d\": true}}, \"e\": \"2024-01-01T00:00:00Z\"}\n{\"a\": {\"b\": 2.5}}\n";

        var schema = SchemaInference.Infer(DataFormat.Jsonl, Encoding.UTF8.GetBytes(jsonl), true, "a.jsonl");

        Assert.Equal([("a.b", SqlType.Double), ("a.c.d", SqlType.Boolean), ("e", SqlType.Timestamp)], Columns(schema));
    }

    [Theory]
    [InlineData("{\"a\": 1}", "not a JSON array: the input does not start with '['")]
    [InlineData("[1, 2]", "no JSON object with keys in the sample")]
    [InlineData("  ", "the blob is empty")]
    public void Infer_NotAnArrayOfObjects_Throws(string json, string reason)
    {
        var ex = Assert.Throws<BadRecordException>(() => SchemaInference.Infer(DataFormat.JsonArray, Encoding.UTF8.GetBytes(json), true, "a.json"));

        Assert.Equal(reason, ex.Record.Reason);
    }
}
