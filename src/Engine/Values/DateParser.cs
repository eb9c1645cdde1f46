using System.Globalization;

namespace OrleansProc.Engine.Values;

/// <summary>
/// DATE text, as DuckDB casts it: <c>yyyy-M-d</c> (month and day of one or two digits), optionally followed by a time
/// of day (<c> HH:mm[:ss[.f...]]</c> or <c>T...</c>, with an optional zone) that is checked and dropped. Leading and
/// trailing spaces are ignored. Dates run from 0001-01-01 to 9999-12-31; a DATE is days since 1970-01-01.
/// </summary>
public static class DateParser
{
    /// <summary>The first day a DATE holds (0001-01-01), as days since 1970-01-01.</summary>
    public const long MinDay = -719162;

    /// <summary>The last day a DATE holds (9999-12-31), as days since 1970-01-01.</summary>
    public const long MaxDay = 2932896;

    private const long MicrosPerDay = 86_400_000_000;

    /// <summary>Parses UTF-16 text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long days)
    {
        days = 0;
        text = text.Trim(' ');
        if (text.Length < 8 || text.Length > 64)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                return false;
            }

            ascii[i] = (byte)text[i];
        }

        return Parse(ascii, dateOnly: false, out days);
    }

    /// <summary>Parses UTF-8 bytes.</summary>
    public static bool TryParseUtf8(ReadOnlySpan<byte> utf8, out long days)
    {
        days = 0;
        utf8 = utf8.Trim((byte)' ');
        return utf8.Length is >= 8 and <= 64 && Parse(utf8, dateOnly: false, out days);
    }

    /// <summary>True for a date with no time of day (<c>yyyy-M-d</c>), the values schema inference takes for a DATE column.</summary>
    public static bool IsDateOnlyUtf8(ReadOnlySpan<byte> utf8)
    {
        utf8 = utf8.Trim((byte)' ');
        return utf8.Length is >= 8 and <= 10 && Parse(utf8, dateOnly: true, out _);
    }

    /// <summary><see cref="IsDateOnlyUtf8"/> for UTF-16 text.</summary>
    public static bool IsDateOnly(string? text)
    {
        if (text is null || text.Length > 16)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                return false;
            }

            ascii[i] = (byte)text[i];
        }

        return IsDateOnlyUtf8(ascii);
    }

    /// <summary>The date as <c>yyyy-MM-dd</c>.</summary>
    public static string Format(long days) =>
        days is >= MinDay and <= MaxDay
            ? DateOnly.FromDayNumber((int)(days - MinDay)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : days.ToString(CultureInfo.InvariantCulture) + " days";

    /// <summary>The date of a timestamp (microseconds since the epoch): the day it falls in.</summary>
    public static long DayOf(long micros)
    {
        var (quotient, remainder) = Math.DivRem(micros, MicrosPerDay);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Midnight of a date as microseconds since the epoch; false when out of range.</summary>
    public static bool TryToTimestamp(long days, out long micros)
    {
        micros = days * MicrosPerDay;
        return days is >= MinDay and <= MaxDay;
    }

    /// <summary>Days since 1970-01-01 of a valid calendar date.</summary>
    public static long FromCivil(int year, int month, int day) => new DateOnly(year, month, day).DayNumber + MinDay;

    private static bool Parse(ReadOnlySpan<byte> s, bool dateOnly, out long days)
    {
        days = 0;
        if (s.Length < 8 || !Digits(s, 0, 4, out var year) || s[4] != '-')
        {
            return false;
        }

        var p = 5;
        if (!Number(s, ref p, out var month) || p >= s.Length || s[p] != '-')
        {
            return false;
        }

        p++;
        if (!Number(s, ref p, out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (p < s.Length)
        {
            if (dateOnly || (s[p] != ' ' && s[p] != 'T' && s[p] != 't'))
            {
                return false;
            }

            Span<byte> probe = stackalloc byte[10 + s.Length - p];
            "2000-01-01"u8.CopyTo(probe);
            s[p..].CopyTo(probe[10..]);
            if (!TimestampParser.TryParseUtf8(probe, out _))
            {
                return false;
            }
        }

        days = FromCivil(year, month, day);
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> s, ref int p, out int value)
    {
        value = 0;
        var start = p;
        while (p < s.Length && p - start < 2 && (uint)(s[p] - '0') <= 9)
        {
            value = (value * 10) + (s[p] - '0');
            p++;
        }

        return p > start;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if ((uint)(s[i] - '0') > 9)
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
