using System.Text;
using System.Text.Json;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Parses one JSON Lines record (an object) into a row: keys are matched case-insensitively to the schema's
/// columns; a missing key or JSON null is NULL; a nested object or array in a VARCHAR column is its raw JSON text.
/// A line nested deeper than <see cref="MaxDepth"/> levels (in any key, read or not) is a bad record.
/// </summary>
internal sealed class JsonLineParser
{
    /// <summary>The deepest nesting of objects and arrays a line may have (System.Text.Json's default).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions s_readerOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth };

    private readonly TableSchema _schema;
    private readonly bool[] _needed;
    private readonly byte[][] _asciiNames;
    private readonly bool _allNamesAscii;
    private readonly StringCache?[] _caches;
    private byte[] _scratch = new byte[256];

    public JsonLineParser(TableSchema schema, bool[] needed, StringCache?[] caches)
    {
        _schema = schema;
        _needed = needed;
        _caches = caches;
        _asciiNames = new byte[schema.Count][];
        _allNamesAscii = true;
        for (var i = 0; i < schema.Count; i++)
        {
            var name = schema.Columns[i].Name;
            _asciiNames[i] = Encoding.UTF8.GetBytes(name);
            _allNamesAscii &= Ascii.IsValid(name);
        }
    }

    /// <summary>Fills the needed columns of <paramref name="row"/>; false with a reason for a bad record.</summary>
    public bool TryParse(ReadOnlySpan<byte> line, SqlValue[] row, out string? error)
    {
        error = null;
        for (var i = 0; i < row.Length; i++)
        {
            if (_needed[i])
            {
                row[i] = SqlValue.Null;
            }
        }

        var reader = new Utf8JsonReader(line, s_readerOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "the line is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var column = FindColumn(ref reader);
                reader.Read();
                if (column < 0 || !_needed[column])
                {
                    reader.Skip();
                    continue;
                }

                if (!TryConvert(ref reader, line, column, out row[column], out error))
                {
                    return false;
                }
            }

            if (reader.Read())
            {
                error = "unexpected data after the JSON object";
                return false;
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = reader.CurrentDepth >= MaxDepth - 1
                ? $"the JSON is nested too deeply (more than {MaxDepth} levels of objects and arrays)"
                : $"malformed JSON: {ex.Message}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = $"malformed JSON: {ex.Message}";
            return false;
        }
    }

    private int FindColumn(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var name = reader.ValueSpan;
            for (var i = 0; i < _asciiNames.Length; i++)
            {
                if (Ascii.EqualsIgnoreCase(name, _asciiNames[i]))
                {
                    return i;
                }
            }

            if (_allNamesAscii && Ascii.IsValid(name))
            {
                return -1;
            }
        }

        return _schema.IndexOf(reader.GetString()!);
    }

    private bool TryConvert(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, int column, out SqlValue value, out string? error)
    {
        error = null;
        var type = _schema.Columns[column].Type;
        var name = _schema.Columns[column].Name;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                value = SqlValue.Null;
                return true;
            case JsonTokenType.String:
                ReadOnlySpan<byte> text;
                if (reader.ValueIsEscaped)
                {
                    if (_scratch.Length < reader.ValueSpan.Length)
                    {
                        _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
                    }

                    text = _scratch.AsSpan(0, reader.CopyString(_scratch));
                }
                else
                {
                    text = reader.ValueSpan;
                }

                if (FieldParser.TryParse(text, quoted: true, type, _caches[column], out value))
                {
                    return true;
                }

                error = FieldParser.NotATypeReason(name, text, type);
                return false;
            case JsonTokenType.Number:
                if (FieldParser.TryParse(reader.ValueSpan, quoted: false, type, null, out value))
                {
                    return true;
                }

                error = FieldParser.NotATypeReason(name, reader.ValueSpan, type);
                return false;
            case JsonTokenType.True:
            case JsonTokenType.False:
                var b = reader.TokenType == JsonTokenType.True;
                if (type == SqlType.Boolean)
                {
                    value = SqlValue.FromBool(b);
                    return true;
                }

                if (type == SqlType.Varchar)
                {
                    value = SqlValue.FromText(b ? "true" : "false");
                    return true;
                }

                break;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                if (type == SqlType.Varchar)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var end = (int)reader.BytesConsumed;
                    value = SqlValue.FromText(Encoding.UTF8.GetString(line[start..end]));
                    return true;
                }

                error = $"column {name}: a JSON {(reader.TokenType == JsonTokenType.StartObject ? "object" : "array")} is not a {FieldParser.TypeName(type)}";
                value = SqlValue.Null;
                return false;
        }

        var raw = line[(int)reader.TokenStartIndex..(int)reader.BytesConsumed];
        error = FieldParser.NotATypeReason(name, raw, type);
        value = SqlValue.Null;
        return false;
    }
}
