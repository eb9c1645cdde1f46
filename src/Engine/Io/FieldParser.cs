using System.Globalization;
using System.Text;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>Converts the UTF-8 text of one field into a <see cref="SqlValue"/> of a column's type.</summary>
internal static class FieldParser
{
    /// <summary>
    /// Parses a field. An empty field is NULL, except a quoted empty field (<c>""</c>) in a VARCHAR column, which is
    /// the empty string (as DuckDB reads CSV). The bytes must be valid UTF-8 (the caller checks the record).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, bool quoted, SqlType type, StringCache? cache, out SqlValue value)
    {
        if (utf8.IsEmpty)
        {
            value = quoted && type == SqlType.Varchar ? SqlValue.FromText(string.Empty) : SqlValue.Null;
            return true;
        }

        switch (type)
        {
            case SqlType.BigInt:
                if (TryParseInt64(utf8, out var l))
                {
                    value = SqlValue.FromInt64(l);
                    return true;
                }

                break;
            case SqlType.Double:
                if (TryParseDouble(utf8, out var d))
                {
                    value = SqlValue.FromDouble(d);
                    return true;
                }

                break;
            case SqlType.Boolean:
                if (TryParseBool(utf8, out var b))
                {
                    value = SqlValue.FromBool(b);
                    return true;
                }

                break;
            case SqlType.Timestamp:
                if (TimestampParser.TryParseUtf8(utf8, out var micros))
                {
                    value = SqlValue.FromTimestamp(micros);
                    return true;
                }

                break;
            case SqlType.Date:
                if (DateParser.TryParseUtf8(utf8, out var days))
                {
                    value = SqlValue.FromDate(days);
                    return true;
                }

                break;
            default:
                value = SqlValue.FromText(cache is null ? Encoding.UTF8.GetString(utf8) : cache.Get(utf8));
                return true;
        }

        value = SqlValue.Null;
        return false;
    }

    /// <summary>A non-empty BIGINT field: <see cref="TryParseDigits"/>, else the invariant-culture integer parser.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> utf8, out long value) =>
        TryParseDigits(utf8, out value) || long.TryParse(utf8, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>A non-empty DOUBLE field: <see cref="TryParseShortDecimal"/>, else the invariant-culture float parser.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> utf8, out double value) =>
        TryParseShortDecimal(utf8, out value) || double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// The fast path of BIGINT: 1 to 18 ASCII digits and nothing else (no sign, no spaces), so it cannot overflow.
    /// Anything else goes to <see cref="long.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out long)"/>.
    /// </summary>
    internal static bool TryParseDigits(ReadOnlySpan<byte> utf8, out long value)
    {
        value = 0;
        if (utf8.IsEmpty || utf8.Length > 18)
        {
            return false;
        }

        long v = 0;
        foreach (var b in utf8)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        value = v;
        return true;
    }

    /// <summary>
    /// The fast path of DOUBLE: an optional '-', then digits with at most one '.', 1 to 15 digits in all. The digits
    /// make an integer below 2^53 and the power of ten is exact, so one IEEE division gives the correctly rounded
    /// value, the same as <see cref="double.Parse(string)"/>. Anything else goes to the full parser.
    /// </summary>
    internal static bool TryParseShortDecimal(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (!utf8.IsEmpty && utf8[0] == '-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < utf8.Length; i++)
        {
            var d = (uint)(utf8[i] - '0');
            if (d <= 9)
            {
                mantissa = (mantissa * 10) + d;
                digits++;
            }
            else if (utf8[i] == '.' && fraction < 0)
            {
                fraction = digits;
            }
            else
            {
                return false;
            }
        }

        if (digits is 0 or > 15)
        {
            return false;
        }

        var scale = fraction < 0 ? 0 : digits - fraction;
        var result = scale == 0 ? mantissa : mantissa / s_powersOfTen[scale];
        value = negative ? -result : result;
        return true;
    }

    private static readonly double[] s_powersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>true/false, t/f, 1/0, yes/no (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParseBool(ReadOnlySpan<byte> utf8, out bool value)
    {
        utf8 = utf8.Trim((byte)' ');
        value = false;
        if (Ascii.EqualsIgnoreCase(utf8, "true"u8) || Ascii.EqualsIgnoreCase(utf8, "t"u8) || utf8.SequenceEqual("1"u8)
            || Ascii.EqualsIgnoreCase(utf8, "yes"u8))
        {
            value = true;
            return true;
        }

        return Ascii.EqualsIgnoreCase(utf8, "false"u8) || Ascii.EqualsIgnoreCase(utf8, "f"u8) || utf8.SequenceEqual("0"u8)
            || Ascii.EqualsIgnoreCase(utf8, "no"u8);
    }

    /// <summary>The SQL name of a type, for messages.</summary>
    public static string TypeName(SqlType type) => type switch
    {
        SqlType.BigInt => "BIGINT",
        SqlType.Double => "DOUBLE",
        SqlType.Boolean => "BOOLEAN",
        SqlType.Timestamp => "TIMESTAMP",
        SqlType.Date => "DATE",
        SqlType.Varchar => "VARCHAR",
        _ => "NULL",
    };

    /// <summary>The reason for a field that does not parse: <c>column amount: 'abc' is not a DOUBLE</c>.</summary>
    public static string NotATypeReason(string column, ReadOnlySpan<byte> utf8, SqlType type) =>
        $"column {column}: '{Shorten(utf8)}' is not a {TypeName(type)}";

    /// <summary>Decodes at most 60 characters of a field for a message.</summary>
    public static string Shorten(ReadOnlySpan<byte> utf8)
    {
        const int Max = 60;
        var text = Encoding.UTF8.GetString(utf8.Length > Max * 4 ? utf8[..(Max * 4)] : utf8);
        return text.Length > Max ? string.Concat(text.AsSpan(0, Max), "...") : text;
    }
}
