using System.Globalization;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// The text of an INTERVAL literal: <c>'n unit [n unit ...]'</c> (<c>'1 month 2 days'</c>, <c>'-3 hours'</c>), or a
/// whole number with the unit after the literal (<c>INTERVAL '2' DAY</c>, <c>INTERVAL 2 DAYS</c>). Units run from
/// microsecond to millennium, singular, plural or abbreviated as DuckDB spells them.
/// </summary>
internal static class IntervalParser
{
    /// <summary>The interval of one unit of a part (<c>month</c>: 1 month); false for parts that are not units (<c>dow</c>).</summary>
    public static bool TryUnit(string name, out IntervalValue unit)
    {
        unit = default;
        if (!DateParts.TryParse(name, out var part))
        {
            return false;
        }

        unit = part switch
        {
            DatePart.Microsecond => new IntervalValue(0, 0, 1),
            DatePart.Millisecond => new IntervalValue(0, 0, 1000),
            DatePart.Second => new IntervalValue(0, 0, DateParts.MicrosPerSecond),
            DatePart.Minute => new IntervalValue(0, 0, DateParts.MicrosPerMinute),
            DatePart.Hour => new IntervalValue(0, 0, DateParts.MicrosPerHour),
            DatePart.Day => new IntervalValue(0, 1, 0),
            DatePart.Week => new IntervalValue(0, 7, 0),
            DatePart.Month => new IntervalValue(1, 0, 0),
            DatePart.Quarter => new IntervalValue(3, 0, 0),
            DatePart.Year => new IntervalValue(12, 0, 0),
            DatePart.Decade => new IntervalValue(120, 0, 0),
            DatePart.Century => new IntervalValue(1200, 0, 0),
            DatePart.Millennium => new IntervalValue(12000, 0, 0),
            _ => default,
        };
        return unit != default;
    }

    /// <summary>Parses <paramref name="text"/>; with <paramref name="unit"/> the text is one whole number of that unit.</summary>
    public static bool TryParse(string text, string? unit, out IntervalValue interval, out string error)
    {
        interval = default;
        error = string.Empty;
        try
        {
            if (unit is not null)
            {
                if (!TryUnit(unit, out var one))
                {
                    error = $"unknown interval unit '{unit}'";
                    return false;
                }

                if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count) || text.Trim().StartsWith('+'))
                {
                    error = $"could not convert '{text}' to INTERVAL: expected a whole number of {unit}";
                    return false;
                }

                interval = Times(one, count);
                return true;
            }

            var p = 0;
            var any = false;
            while (true)
            {
                while (p < text.Length && text[p] == ' ')
                {
                    p++;
                }

                if (p == text.Length)
                {
                    break;
                }

                var start = p;
                if (text[p] == '-')
                {
                    p++;
                }

                while (p < text.Length && char.IsAsciiDigit(text[p]))
                {
                    p++;
                }

                if (!long.TryParse(text.AsSpan(start, p - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
                {
                    error = $"could not convert '{text}' to INTERVAL: expected a whole number at '{text[start..]}'";
                    return false;
                }

                while (p < text.Length && text[p] == ' ')
                {
                    p++;
                }

                var unitStart = p;
                while (p < text.Length && char.IsAsciiLetter(text[p]))
                {
                    p++;
                }

                var name = text[unitStart..p];
                if (!TryUnit(name, out var one))
                {
                    error = name.Length == 0
                        ? $"could not convert '{text}' to INTERVAL: a unit must follow {count}"
                        : $"could not convert '{text}' to INTERVAL: unknown unit '{name}'";
                    return false;
                }

                interval = Plus(interval, Times(one, count));
                any = true;
            }

            if (!any)
            {
                error = $"could not convert '{text}' to INTERVAL";
                return false;
            }

            return true;
        }
        catch (OverflowException)
        {
            error = $"the interval '{text}' is out of range";
            return false;
        }
    }

    private static IntervalValue Times(IntervalValue unit, long count) =>
        new(checked(unit.Months * count), checked(unit.Days * count), checked(unit.Micros * count));

    private static IntervalValue Plus(IntervalValue a, IntervalValue b) =>
        new(checked(a.Months + b.Months), checked(a.Days + b.Days), checked(a.Micros + b.Micros));
}
