namespace OrleansProc.Engine.Values;

/// <summary>
/// Parses timestamp text into microseconds since 1970-01-01T00:00:00Z. Accepted forms:
/// <c>yyyy-MM-dd</c>, <c>yyyy-MM-dd HH:mm[:ss[.f...]]</c> and <c>yyyy-MM-ddTHH:mm[:ss[.f...]]</c>, optionally
/// followed by <c>Z</c> or an offset <c>±HH[:mm]</c> (converted to UTC). Fractions beyond six digits are
/// truncated. Leading and trailing spaces are ignored.
/// </summary>
public static class TimestampParser
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;

    /// <summary>Parses UTF-16 text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        text = text.Trim(' ');
        if (text.Length < 10 || text.Length > 64)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > 127)
            {
                return false;
            }

            ascii[i] = (byte)c;
        }

        return Parse(ascii, out micros);
    }

    /// <summary>Parses UTF-8 bytes.</summary>
    public static bool TryParseUtf8(ReadOnlySpan<byte> utf8, out long micros)
    {
        micros = 0;
        utf8 = utf8.Trim((byte)' ');
        if (utf8.Length < 10 || utf8.Length > 64)
        {
            return false;
        }

        return Parse(utf8, out micros);
    }

    private static bool Parse(ReadOnlySpan<byte> s, out long micros)
    {
        micros = 0;
        if (!Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' || !Digits(s, 8, 2, out var day))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        long hour = 0, minute = 0, second = 0, fraction = 0;
        var p = 10;
        if (p < s.Length && (s[p] == ' ' || s[p] == 'T' || s[p] == 't'))
        {
            p++;
            if (!Digits(s, p, 2, out var h) || p + 2 >= s.Length || s[p + 2] != ':' || !Digits(s, p + 3, 2, out var m))
            {
                return false;
            }

            hour = h;
            minute = m;
            p += 5;
            if (p < s.Length && s[p] == ':')
            {
                if (!Digits(s, p + 1, 2, out var sec))
                {
                    return false;
                }

                second = sec;
                p += 3;
                if (p < s.Length && s[p] == '.')
                {
                    p++;
                    var start = p;
                    var scale = 100_000L;
                    while (p < s.Length && IsDigit(s[p]))
                    {
                        fraction += (s[p] - '0') * scale;
                        scale /= 10;
                        p++;
                    }

                    if (p == start)
                    {
                        return false;
                    }
                }
            }

            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }
        }

        long offsetMinutes = 0;
        if (p < s.Length)
        {
            var c = s[p];
            if ((c == 'Z' || c == 'z') && p + 1 == s.Length)
            {
                p++;
            }
            else if (c == '+' || c == '-')
            {
                var sign = c == '-' ? -1 : 1;
                if (!Digits(s, p + 1, 2, out var oh))
                {
                    return false;
                }

                p += 3;
                var om = 0;
                if (p < s.Length)
                {
                    if (s[p] == ':')
                    {
                        p++;
                    }

                    if (!Digits(s, p, 2, out om))
                    {
                        return false;
                    }

                    p += 2;
                }

                if (oh > 23 || om > 59)
                {
                    return false;
                }

                offsetMinutes = sign * ((oh * 60) + om);
            }

            if (p != s.Length)
            {
                return false;
            }
        }

        var days = DaysFromCivil(year, month, day);
        micros = (days * MicrosPerDay) + (((hour * 3600) + (minute * 60) + second) * MicrosPerSecond) + fraction
            - (offsetMinutes * 60 * MicrosPerSecond);

        // An offset may carry 0001-01-01 or 9999-12-31 out of the years a timestamp holds.
        return micros >= DateParser.MinDay * MicrosPerDay && micros < (DateParser.MaxDay + 1) * MicrosPerDay;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (start < 0 || start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).</summary>
    private static long DaysFromCivil(long y, long m, long d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }
}
