using System.Text;
using System.Text.Json;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Parses one JSON record (an object: a JSON Lines line or an element of a JSON array) into a row: keys are matched
/// case-insensitively to the schema's columns; a missing key or JSON null is NULL; a nested object or array in a
/// VARCHAR column is its JSON text, minified (as DuckDB prints JSON). The fields of a nested object fill the columns
/// named by their path (<c>a.b</c> for key b of the object under key a, as <see cref="JsonSchemaInference"/> flattens
/// them) when no column is named by the key itself; a value other than an object or null there is a bad record. A
/// record nested deeper than <see cref="MaxDepth"/> levels (in any key, read or not) is a bad record.
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
    private readonly byte[][] _neededPrefixes;
    private byte[] _scratch = new byte[256];
    private byte[] _path = new byte[256];

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

        // "a" and "a.b" for a needed column "a.b.c": the nested objects worth descending into.
        var prefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < schema.Count; i++)
        {
            var name = schema.Columns[i].Name;
            for (var dot = name.IndexOf('.', StringComparison.Ordinal); needed[i] && dot > 0; dot = name.IndexOf('.', dot + 1))
            {
                prefixes.Add(name[..dot]);
            }
        }

        _neededPrefixes = [.. prefixes.Select(Encoding.UTF8.GetBytes)];
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

            if (!TryParseFields(ref reader, line, row, 0, out error))
            {
                return false;
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

    /// <summary>
    /// Reads the fields of the object the reader is in, up to its end; <paramref name="prefixLength"/> bytes of
    /// <see cref="_path"/> name the object ("a.b"), none at the top.
    /// </summary>
    private bool TryParseFields(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, SqlValue[] row, int prefixLength, out string? error)
    {
        error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var pathLength = prefixLength == 0 && !reader.ValueIsEscaped ? -1 : AppendKey(ref reader, prefixLength);
            var path = pathLength < 0 ? reader.ValueSpan : _path.AsSpan(0, pathLength);
            var column = FindColumn(path);
            reader.Read();
            if (column >= 0 && _needed[column])
            {
                if (!TryConvert(ref reader, line, column, out row[column], out error))
                {
                    return false;
                }
            }
            else if (column < 0 && reader.TokenType is not JsonTokenType.Null && IsNeededPrefix(path))
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    error = $"key {Encoding.UTF8.GetString(path)}: a JSON {Kind(reader.TokenType)} where the columns {Encoding.UTF8.GetString(path)}.* need an object";
                    return false;
                }

                if (pathLength < 0)
                {
                    pathLength = AppendKey(path, 0);
                }

                if (!TryParseFields(ref reader, line, row, pathLength, out error))
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return true;
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        _ => "boolean",
    };

    /// <summary>Writes "prefix.key" (or the key alone at the top) into <see cref="_path"/>, the key unescaped; its length.</summary>
    private int AppendKey(ref Utf8JsonReader reader, int prefixLength)
    {
        if (!reader.ValueIsEscaped)
        {
            return AppendKey(reader.ValueSpan, prefixLength);
        }

        if (_scratch.Length < reader.ValueSpan.Length)
        {
            _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        }

        return AppendKey(_scratch.AsSpan(0, reader.CopyString(_scratch)), prefixLength);
    }

    private int AppendKey(ReadOnlySpan<byte> key, int prefixLength)
    {
        var length = prefixLength + (prefixLength > 0 ? 1 : 0) + key.Length;
        if (_path.Length < length)
        {
            Array.Resize(ref _path, Math.Max(length, _path.Length * 2));
        }

        var at = prefixLength;
        if (prefixLength > 0)
        {
            _path[at++] = (byte)'.';
        }

        key.CopyTo(_path.AsSpan(at));
        return length;
    }

    private bool IsNeededPrefix(ReadOnlySpan<byte> path)
    {
        foreach (var prefix in _neededPrefixes)
        {
            if (Ascii.EqualsIgnoreCase(path, prefix))
            {
                return true;
            }
        }

        if (_neededPrefixes.Length == 0 || Ascii.IsValid(path))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(path);
        return _neededPrefixes.Any(p => string.Equals(Encoding.UTF8.GetString(p), text, StringComparison.OrdinalIgnoreCase));
    }

    private int FindColumn(ReadOnlySpan<byte> name)
    {
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

        return _schema.IndexOf(Encoding.UTF8.GetString(name));
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
                    value = SqlValue.FromText(JsonText.Minify(line[start..end]));
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
