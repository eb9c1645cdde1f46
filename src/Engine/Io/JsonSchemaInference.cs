using System.Text.Json;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Infers the schema of JSON records (JSON Lines, or the elements of a JSON array) from the head of a blob: columns in
/// order of first appearance of their keys (case-insensitive); numbers that are all integers make BIGINT, other
/// numbers DOUBLE, booleans BOOLEAN, strings that are all ISO timestamps TIMESTAMP, anything else (strings, arrays,
/// mixed kinds, only nulls) VARCHAR. A key whose non-null values are all objects is flattened: its fields become
/// columns named <c>key.field</c> (and <c>key.field.sub</c>, deeper), read by <see cref="JsonLineParser"/> from the
/// nested objects. Records that are not JSON objects are ignored; unless the head is the whole blob, its last record
/// may be cut and is ignored.
/// </summary>
internal static class JsonSchemaInference
{
    /// <summary>The schema of the JSON Lines in <paramref name="data"/> (BOM already skipped).</summary>
    public static TableSchema InferLines(ReadOnlySpan<byte> data, bool headIsWholeBlob, string sourceName)
    {
        if (data.IsEmpty)
        {
            throw Error(sourceName, "the blob is empty");
        }

        var root = new JsonKinds();
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0 && !headIsWholeBlob)
            {
                break;
            }

            var line = newline < 0 ? data : data[..newline];
            data = newline < 0 ? [] : data[(newline + 1)..];
            Observe(root, line.Trim(" \t\r"u8));
        }

        return Result(root, sourceName);
    }

    /// <summary>The schema of the objects of the JSON array that <paramref name="data"/> (BOM already skipped) starts.</summary>
    public static TableSchema InferArray(ReadOnlySpan<byte> data, bool headIsWholeBlob, string sourceName)
    {
        var pos = data.IndexOfAnyExcept(" \t\r\n"u8);
        if (pos < 0)
        {
            throw Error(sourceName, "the blob is empty");
        }

        if (data[pos] != '[')
        {
            throw Error(sourceName, "not a JSON array: the input does not start with '['");
        }

        var root = new JsonKinds();
        pos++;
        while (pos < data.Length)
        {
            var next = data[pos..].IndexOfAnyExcept(" \t\r\n,"u8);
            if (next < 0 || data[pos + next] != '{')
            {
                break;
            }

            pos += next;
            var scan = default(JsonNestingScan);
            var end = scan.Scan(data[pos..]);
            if (end < 0)
            {
                break;
            }

            Observe(root, data.Slice(pos, end));
            pos += end;
        }

        return Result(root, sourceName);
    }

    private static void Observe(JsonKinds root, ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(record.ToArray());
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                root.Observe(document.RootElement);
            }
        }
    }

    private static TableSchema Result(JsonKinds root, string sourceName)
    {
        var columns = new List<ColumnSchema>();
        root.AddFieldColumns(null, columns, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        if (columns.Count == 0)
        {
            throw Error(sourceName, "no JSON object with keys in the sample");
        }

        return new TableSchema(columns);
    }

    private static BadRecordException Error(string sourceName, string reason) =>
        new(new BadRecord(sourceName, 0, 1, reason));
}
