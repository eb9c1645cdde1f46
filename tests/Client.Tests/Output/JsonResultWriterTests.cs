using System.Text.Json;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Tests.Output;

public sealed class JsonResultWriterTests
{
    private static string Write(IReadOnlyList<ResultColumn> columns, params IReadOnlyList<string?>[] rows)
    {
        var output = new StringWriter();
        new JsonResultWriter().Write(output, columns, rows);
        return output.ToString();
    }

    [Fact]
    public void Write_NoRows_EmptyArray()
    {
        Assert.Equal("[]", Write([new("n", "BIGINT")]).Trim());
    }

    [Fact]
    public void Write_Rows_ArrayOfObjectsKeyedByColumnInOrder()
    {
        var json = Write([new("country", "VARCHAR"), new("n", "BIGINT")], ["US", "12"], ["DE", "7"]);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.Equal(2, document.RootElement.GetArrayLength());
        var first = document.RootElement[0];
        Assert.Equal(["country", "n"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("US", first.GetProperty("country").GetString());
        Assert.Equal(12, first.GetProperty("n").GetInt64());
    }

    [Fact]
    public void Write_NumbersBooleansAndNulls_TypedJsonValues()
    {
        var json = Write(
            [new("i", "BIGINT"), new("d", "DOUBLE"), new("b", "BOOLEAN"), new("s", "VARCHAR"), new("t", "TIMESTAMP")],
            ["-9223372036854775808", "0.1", "true", null, "2024-01-01T00:00:00Z"],
            [null, "1E+300", "false", "12", null]);

        using var document = JsonDocument.Parse(json);
        var first = document.RootElement[0];
        Assert.Equal(long.MinValue, first.GetProperty("i").GetInt64());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("d").ValueKind);
        Assert.Equal(0.1, first.GetProperty("d").GetDouble());
        Assert.Equal(JsonValueKind.True, first.GetProperty("b").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("s").ValueKind);
        Assert.Equal("2024-01-01T00:00:00Z", first.GetProperty("t").GetString());
        var second = document.RootElement[1];
        Assert.Equal(JsonValueKind.Null, second.GetProperty("i").ValueKind);
        Assert.Equal(1e300, second.GetProperty("d").GetDouble());
        Assert.Equal(JsonValueKind.False, second.GetProperty("b").ValueKind);
        Assert.Equal(JsonValueKind.String, second.GetProperty("s").ValueKind);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Write_NonFiniteDouble_Null(string cell)
    {
        using var document = JsonDocument.Parse(Write([new("d", "DOUBLE")], [cell]));

        Assert.Equal(JsonValueKind.Null, document.RootElement[0].GetProperty("d").ValueKind);
    }

    [Fact]
    public void Write_TextNeedingEscapes_RoundTrips()
    {
        const string Text = "quote \" backslash \\ newline \n tab \t ctrl \u0001 accents éü 日本 </script>";

        var json = Write([new("a \"b\"", "VARCHAR")], [Text]);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(Text, document.RootElement[0].GetProperty("a \"b\"").GetString());
        Assert.Contains("éü 日本", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Rows_OneObjectPerLine()
    {
        var json = Write([new("n", "BIGINT")], ["1"], ["2"], ["3"]);

        Assert.Equal("[{\"n\":1},\n{\"n\":2},\n{\"n\":3}]", json.TrimEnd());
    }
}
