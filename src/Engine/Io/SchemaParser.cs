using System.Text;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Parses a schema given by the user: <c>ts TIMESTAMP, user_id BIGINT, country VARCHAR</c>. Names may be
/// double-quoted (<c>"unit price" DOUBLE</c>, a doubled quote inside is one quote). Types, in any case:
/// BIGINT (INT, INTEGER, INT64, LONG), DOUBLE (FLOAT, FLOAT8, REAL, DECIMAL, NUMERIC, with or without precision),
/// VARCHAR (TEXT, STRING, VARCHAR(n)), BOOLEAN (BOOL), TIMESTAMP (DATETIME).
/// </summary>
public static class SchemaParser
{
    public static TableSchema Parse(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new ArgumentException("The schema is empty: give columns as 'name TYPE, name TYPE, ...'.", nameof(spec));
        }

        var columns = new List<ColumnSchema>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        foreach (var part in SplitColumns(spec))
        {
            position++;
            var text = part.Trim();
            if (text.Length == 0)
            {
                throw new ArgumentException($"Column {position} of the schema is empty.", nameof(spec));
            }

            string name;
            string typeText;
            if (text[0] == '"')
            {
                var name1 = new StringBuilder();
                var i = 1;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ArgumentException($"Column {position} of the schema has an unterminated quoted name.", nameof(spec));
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            name1.Append('"');
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    name1.Append(text[i++]);
                }

                name = name1.ToString();
                typeText = text[(i + 1)..].Trim();
            }
            else
            {
                var space = text.IndexOfAny([' ', '\t', '\r', '\n']);
                name = space < 0 ? text : text[..space];
                typeText = space < 0 ? string.Empty : text[space..].Trim();
            }

            if (name.Trim().Length == 0)
            {
                throw new ArgumentException($"Column {position} of the schema has no name.", nameof(spec));
            }

            if (typeText.Length == 0)
            {
                throw new ArgumentException($"Column '{name}' has no type (use BIGINT, DOUBLE, VARCHAR, BOOLEAN or TIMESTAMP).", nameof(spec));
            }

            var type = ParseType(typeText) ?? throw new ArgumentException(
                $"Column '{name}' has an unknown type '{typeText}' (use BIGINT, DOUBLE, VARCHAR, BOOLEAN or TIMESTAMP).", nameof(spec));
            if (!seen.Add(name))
            {
                throw new ArgumentException($"Column '{name}' appears twice in the schema.", nameof(spec));
            }

            columns.Add(new ColumnSchema(name, type));
        }

        return new TableSchema(columns);
    }

    private static SqlType? ParseType(string text)
    {
        var paren = text.IndexOf('(', StringComparison.Ordinal);
        var word = (paren < 0 ? text : text[..paren]).Trim().ToUpperInvariant();
        if (paren >= 0 && !text.EndsWith(')'))
        {
            return null;
        }

        SqlType? type = word switch
        {
            "BIGINT" or "INT" or "INTEGER" or "INT64" or "LONG" => SqlType.BigInt,
            "DOUBLE" or "FLOAT" or "FLOAT8" or "REAL" or "DECIMAL" or "NUMERIC" => SqlType.Double,
            "VARCHAR" or "TEXT" or "STRING" => SqlType.Varchar,
            "BOOLEAN" or "BOOL" => SqlType.Boolean,
            "TIMESTAMP" or "DATETIME" => SqlType.Timestamp,
            "DATE" => SqlType.Date,
            _ => null,
        };
        if (paren >= 0 && type is not (SqlType.Double or SqlType.Varchar))
        {
            return null;
        }

        return type;
    }

    /// <summary>Splits at commas outside double quotes and parentheses.</summary>
    private static List<string> SplitColumns(string spec)
    {
        var parts = new List<string>();
        var inQuotes = false;
        var depth = 0;
        var start = 0;
        for (var i = 0; i < spec.Length; i++)
        {
            var c = spec[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c == '(')
            {
                depth++;
            }
            else if (!inQuotes && c == ')')
            {
                depth--;
            }
            else if (!inQuotes && depth == 0 && c == ',')
            {
                parts.Add(spec[start..i]);
                start = i + 1;
            }
        }

        parts.Add(spec[start..]);
        return parts;
    }
}
