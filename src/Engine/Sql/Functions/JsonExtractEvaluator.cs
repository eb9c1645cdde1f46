using System.Buffers;
using System.Text;
using System.Text.Json;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// <c>json_extract(json, path)</c> and <c>json_extract_string(json, path)</c> over VARCHAR JSON text, as DuckDB: NULL
/// when the input is NULL or the path leads nowhere; json_extract gives the value's JSON text, minified (a JSON null
/// is the text <c>null</c>); json_extract_string gives a string unquoted and unescaped, a JSON null as NULL, and any
/// other value as its JSON text. Text that is not JSON raises a <see cref="QueryException"/> naming the call.
/// </summary>
internal sealed class JsonExtractEvaluator(Evaluator json, JsonPath path, bool asString, string location, int position) : Evaluator(SqlType.Varchar)
{
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = JsonLineParser.MaxDepth };

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var value = json.Evaluate(row);
        if (value.IsNull)
        {
            return SqlValue.Null;
        }

        var text = value.Text;
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            return Extract(rented.AsSpan(0, length), text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private SqlValue Extract(ReadOnlySpan<byte> utf8, string text)
    {
        var reader = new Utf8JsonReader(utf8, s_options);
        try
        {
            reader.Read();
            var found = Navigate(ref reader);
            var result = SqlValue.Null;
            if (found)
            {
                result = reader.TokenType switch
                {
                    JsonTokenType.String when asString => SqlValue.FromText(reader.GetString()!),
                    JsonTokenType.Null when asString => SqlValue.Null,
                    _ => SqlValue.FromText(RawText(ref reader, utf8)),
                };
            }

            // The rest is read too: text that is not JSON is an error wherever the fault is, as in DuckDB.
            while (reader.Read())
            {
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new QueryException($"invalid input error at {location}: malformed JSON '{SourceLocation.Quote(text)}': {e.Message}", position);
        }
    }

    private bool Navigate(ref Utf8JsonReader reader)
    {
        foreach (var step in path.Steps)
        {
            var found = reader.TokenType switch
            {
                JsonTokenType.StartObject when step.Key is not null => FindKey(ref reader, step.Key),
                JsonTokenType.StartArray when step.HasIndex => FindIndex(ref reader, step),
                _ => false,
            };
            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FindKey(ref Utf8JsonReader reader, string key)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(key);
            reader.Read();
            if (match)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool FindIndex(ref Utf8JsonReader reader, JsonPathStep step)
    {
        var target = step.Index;
        if (step.FromEnd)
        {
            var count = 0;
            var counter = reader;
            while (counter.Read() && counter.TokenType != JsonTokenType.EndArray)
            {
                counter.Skip();
                count++;
            }

            target = count - step.Index;
            if (target < 0)
            {
                return false;
            }
        }

        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (i == target)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static string RawText(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return JsonText.Minify(utf8[start..(int)reader.BytesConsumed]);
    }
}
