using System.Globalization;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>Conversions between the SQL types, following DuckDB where the subset overlaps.</summary>
internal static class SqlCast
{
    /// <summary>True when a value of <paramref name="from"/> may be cast to <paramref name="to"/> (it may still fail at run time).</summary>
    public static bool CanCast(SqlType from, SqlType to)
    {
        if (from == to || from == SqlType.Null || from == SqlType.Varchar || to == SqlType.Varchar)
        {
            return true;
        }

        return (from, to) switch
        {
            (SqlType.BigInt, SqlType.Double or SqlType.Boolean) => true,
            (SqlType.Double, SqlType.BigInt or SqlType.Boolean) => true,
            (SqlType.Boolean, SqlType.BigInt or SqlType.Double) => true,
            (SqlType.Date, SqlType.Timestamp) or (SqlType.Timestamp, SqlType.Date) => true,
            _ => false,
        };
    }

    /// <summary>Casts a value; false when the value does not convert (text that does not parse, a number out of range).</summary>
    public static bool TryCast(in SqlValue value, SqlType to, out SqlValue result)
    {
        result = SqlValue.Null;
        if (value.IsNull || value.Type == to)
        {
            result = value;
            return true;
        }

        switch (to)
        {
            case SqlType.Varchar:
                result = SqlValue.FromText(Functions.ValueText.Of(value));
                return true;
            case SqlType.BigInt:
                switch (value.Type)
                {
                    case SqlType.Boolean:
                        result = SqlValue.FromInt64(value.Int64);
                        return true;
                    case SqlType.Double:
                        if (!TryRoundToInt64(value.Float64, out var rounded))
                        {
                            return false;
                        }

                        result = SqlValue.FromInt64(rounded);
                        return true;
                    case SqlType.Varchar:
                        if (!TryParseInt64(value.Text, out var parsed))
                        {
                            return false;
                        }

                        result = SqlValue.FromInt64(parsed);
                        return true;
                }

                return false;
            case SqlType.Double:
                switch (value.Type)
                {
                    case SqlType.Boolean:
                    case SqlType.BigInt:
                        result = SqlValue.FromDouble(value.Int64);
                        return true;
                    case SqlType.Varchar:
                        if (!TryParseDouble(value.Text, out var d))
                        {
                            return false;
                        }

                        result = SqlValue.FromDouble(d);
                        return true;
                }

                return false;
            case SqlType.Boolean:
                switch (value.Type)
                {
                    case SqlType.BigInt:
                        result = SqlValue.FromBool(value.Int64 != 0);
                        return true;
                    case SqlType.Double:
                        result = SqlValue.FromBool(value.Float64 != 0);
                        return true;
                    case SqlType.Varchar:
                        if (!TryParseBoolean(value.Text, out var b))
                        {
                            return false;
                        }

                        result = SqlValue.FromBool(b);
                        return true;
                }

                return false;
            case SqlType.Timestamp:
                if (value.Type == SqlType.Varchar && TimestampParser.TryParse(value.Text, out var micros))
                {
                    result = SqlValue.FromTimestamp(micros);
                    return true;
                }

                if (value.Type == SqlType.Date && DateParser.TryToTimestamp(value.Int64, out micros))
                {
                    result = SqlValue.FromTimestamp(micros);
                    return true;
                }

                return false;
            case SqlType.Date:
                if (value.Type == SqlType.Varchar && DateParser.TryParse(value.Text, out var days))
                {
                    result = SqlValue.FromDate(days);
                    return true;
                }

                if (value.Type == SqlType.Timestamp)
                {
                    result = SqlValue.FromDate(DateParser.DayOf(value.Int64));
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Rounds half to even, as DuckDB casts DOUBLE to BIGINT (0.5 to 0, 1.5 and 2.5 to 2); false when out of range or NaN.</summary>
    public static bool TryRoundToInt64(double value, out long result)
    {
        result = 0;
        var rounded = Math.Round(value, MidpointRounding.ToEven);
        if (!(rounded >= -9223372036854775808.0 && rounded < 9223372036854775808.0))
        {
            return false;
        }

        result = (long)rounded;
        return true;
    }

    public static bool TryParseInt64(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var negative = text.Length > 0 && text[0] == '-';
        var body = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        return false;
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("t", StringComparison.OrdinalIgnoreCase)
            || text.Equals("1", StringComparison.Ordinal) || text.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || text.Equals("y", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("f", StringComparison.OrdinalIgnoreCase)
            || text.Equals("0", StringComparison.Ordinal) || text.Equals("no", StringComparison.OrdinalIgnoreCase)
            || text.Equals("n", StringComparison.OrdinalIgnoreCase);
    }

    public static string TypeName(SqlType type) => type switch
    {
        SqlType.BigInt => "BIGINT",
        SqlType.Double => "DOUBLE",
        SqlType.Varchar => "VARCHAR",
        SqlType.Boolean => "BOOLEAN",
        SqlType.Timestamp => "TIMESTAMP",
        SqlType.Date => "DATE",
        _ => "NULL",
    };
}
