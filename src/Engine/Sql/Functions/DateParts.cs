using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// The calendar arithmetic of the date functions, on timestamps as microseconds since 1970-01-01 (a DATE is its
/// midnight), following DuckDB: ISO weeks start on Monday, DATE_DIFF counts the part's boundaries crossed.
/// </summary>
internal static class DateParts
{
    public const long MicrosPerSecond = 1_000_000;
    public const long MicrosPerMinute = 60 * MicrosPerSecond;
    public const long MicrosPerHour = 60 * MicrosPerMinute;
    public const long MicrosPerDay = 24 * MicrosPerHour;

    /// <summary>The first microsecond a TIMESTAMP holds (0001-01-01 00:00:00).</summary>
    public const long MinMicros = DateParser.MinDay * MicrosPerDay;

    /// <summary>The last microsecond a TIMESTAMP holds (9999-12-31 23:59:59.999999).</summary>
    public const long MaxMicros = ((DateParser.MaxDay + 1) * MicrosPerDay) - 1;

    private static readonly Dictionary<string, DatePart> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["microsecond"] = DatePart.Microsecond, ["microseconds"] = DatePart.Microsecond, ["us"] = DatePart.Microsecond,
        ["usec"] = DatePart.Microsecond, ["usecs"] = DatePart.Microsecond, ["usecond"] = DatePart.Microsecond, ["useconds"] = DatePart.Microsecond,
        ["millisecond"] = DatePart.Millisecond, ["milliseconds"] = DatePart.Millisecond, ["ms"] = DatePart.Millisecond,
        ["msec"] = DatePart.Millisecond, ["msecs"] = DatePart.Millisecond, ["msecond"] = DatePart.Millisecond, ["mseconds"] = DatePart.Millisecond,
        ["second"] = DatePart.Second, ["seconds"] = DatePart.Second, ["s"] = DatePart.Second, ["sec"] = DatePart.Second, ["secs"] = DatePart.Second,
        ["minute"] = DatePart.Minute, ["minutes"] = DatePart.Minute, ["m"] = DatePart.Minute, ["min"] = DatePart.Minute, ["mins"] = DatePart.Minute,
        ["hour"] = DatePart.Hour, ["hours"] = DatePart.Hour, ["h"] = DatePart.Hour, ["hr"] = DatePart.Hour, ["hrs"] = DatePart.Hour,
        ["day"] = DatePart.Day, ["days"] = DatePart.Day, ["d"] = DatePart.Day, ["dayofmonth"] = DatePart.Day,
        ["dow"] = DatePart.DayOfWeek, ["dayofweek"] = DatePart.DayOfWeek, ["weekday"] = DatePart.DayOfWeek,
        ["isodow"] = DatePart.IsoDayOfWeek,
        ["doy"] = DatePart.DayOfYear, ["dayofyear"] = DatePart.DayOfYear,
        ["week"] = DatePart.Week, ["weeks"] = DatePart.Week, ["w"] = DatePart.Week, ["weekofyear"] = DatePart.Week,
        ["month"] = DatePart.Month, ["months"] = DatePart.Month, ["mon"] = DatePart.Month, ["mons"] = DatePart.Month,
        ["quarter"] = DatePart.Quarter, ["quarters"] = DatePart.Quarter,
        ["year"] = DatePart.Year, ["years"] = DatePart.Year, ["y"] = DatePart.Year, ["yr"] = DatePart.Year, ["yrs"] = DatePart.Year,
        ["isoyear"] = DatePart.IsoYear,
        ["yearweek"] = DatePart.YearWeek,
        ["decade"] = DatePart.Decade, ["decades"] = DatePart.Decade, ["dec"] = DatePart.Decade, ["decs"] = DatePart.Decade,
        ["century"] = DatePart.Century, ["centuries"] = DatePart.Century, ["cent"] = DatePart.Century, ["c"] = DatePart.Century,
        ["millennium"] = DatePart.Millennium, ["millennia"] = DatePart.Millennium, ["millenniums"] = DatePart.Millennium,
        ["millenium"] = DatePart.Millennium, ["mil"] = DatePart.Millennium, ["mils"] = DatePart.Millennium,
        ["era"] = DatePart.Era,
        ["epoch"] = DatePart.Epoch,
    };

    /// <summary>The part a specifier names (<c>year</c>, <c>dow</c>, <c>months</c>...), case-insensitively.</summary>
    public static bool TryParse(string name, out DatePart part) => Names.TryGetValue(name.Trim(), out part);

    /// <summary>The parts <see cref="Truncate"/> takes.</summary>
    public static bool CanTruncate(DatePart part) =>
        part is not (DatePart.DayOfWeek or DatePart.IsoDayOfWeek or DatePart.DayOfYear or DatePart.YearWeek or DatePart.Era or DatePart.Epoch);

    /// <summary>The parts <see cref="Diff"/> takes.</summary>
    public static bool CanDiff(DatePart part) => part is not (DatePart.YearWeek or DatePart.Era);

    /// <summary>The day a timestamp falls in, as days since 1970-01-01.</summary>
    public static long Day(long micros) => FloorDiv(micros, MicrosPerDay);

    /// <summary>The calendar date of a timestamp.</summary>
    public static DateOnly Date(long micros) => DateOnly.FromDayNumber((int)(Day(micros) - DateParser.MinDay));

    /// <summary>Midnight of a calendar date, as microseconds since 1970-01-01.</summary>
    public static long Midnight(DateOnly date) => (date.DayNumber + DateParser.MinDay) * MicrosPerDay;

    /// <summary>DATE_PART as BIGINT (every part but <see cref="DatePart.Epoch"/>).</summary>
    public static long Extract(DatePart part, long micros)
    {
        var date = Date(micros);
        var ofDay = micros - Midnight(date);
        return part switch
        {
            DatePart.Microsecond => ofDay % MicrosPerMinute,
            DatePart.Millisecond => ofDay % MicrosPerMinute / 1000,
            DatePart.Second => ofDay % MicrosPerMinute / MicrosPerSecond,
            DatePart.Minute => ofDay % MicrosPerHour / MicrosPerMinute,
            DatePart.Hour => ofDay / MicrosPerHour,
            DatePart.Day => date.Day,
            DatePart.DayOfWeek => (int)date.DayOfWeek,
            DatePart.IsoDayOfWeek => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek,
            DatePart.DayOfYear => date.DayOfYear,
            DatePart.Week => System.Globalization.ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)),
            DatePart.Month => date.Month,
            DatePart.Quarter => ((date.Month - 1) / 3) + 1,
            DatePart.Year => date.Year,
            DatePart.IsoYear => System.Globalization.ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue)),
            DatePart.YearWeek => (Extract(DatePart.IsoYear, micros) * 100) + Extract(DatePart.Week, micros),
            DatePart.Decade => date.Year / 10,
            DatePart.Century => ((date.Year - 1) / 100) + 1,
            DatePart.Millennium => ((date.Year - 1) / 1000) + 1,
            DatePart.Era => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "not a BIGINT part"),
        };
    }

    /// <summary>EXTRACT(epoch ...): seconds since 1970-01-01, with the fraction.</summary>
    public static double Epoch(long micros) => micros / (double)MicrosPerSecond;

    /// <summary>DATE_TRUNC: the start of the part's unit that holds the timestamp (weeks start on Monday).</summary>
    public static long Truncate(DatePart part, long micros)
    {
        var date = Date(micros);
        return part switch
        {
            DatePart.Microsecond => micros,
            DatePart.Millisecond => FloorDiv(micros, 1000) * 1000,
            DatePart.Second => FloorDiv(micros, MicrosPerSecond) * MicrosPerSecond,
            DatePart.Minute => FloorDiv(micros, MicrosPerMinute) * MicrosPerMinute,
            DatePart.Hour => FloorDiv(micros, MicrosPerHour) * MicrosPerHour,
            DatePart.Day => Midnight(date),
            DatePart.Week => Midnight(date.AddDays(-(((int)date.DayOfWeek + 6) % 7))),
            DatePart.Month => Midnight(new DateOnly(date.Year, date.Month, 1)),
            DatePart.Quarter => Midnight(new DateOnly(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1)),
            DatePart.Year => Midnight(new DateOnly(date.Year, 1, 1)),
            DatePart.IsoYear => Midnight(DateOnly.FromDateTime(System.Globalization.ISOWeek.GetYearStart(
                System.Globalization.ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue))))),
            DatePart.Decade => Midnight(new DateOnly(Math.Max(1, date.Year / 10 * 10), 1, 1)),
            DatePart.Century => Midnight(new DateOnly(Math.Max(1, date.Year / 100 * 100), 1, 1)),
            DatePart.Millennium => Midnight(new DateOnly(Math.Max(1, date.Year / 1000 * 1000), 1, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "not a part DATE_TRUNC takes"),
        };
    }

    /// <summary>DATE_DIFF: the part's boundaries crossed from <paramref name="start"/> to <paramref name="end"/> (negative when end is earlier).</summary>
    public static long Diff(DatePart part, long start, long end)
    {
        var a = Date(start);
        var b = Date(end);
        return part switch
        {
            DatePart.Microsecond => end - start,
            DatePart.Millisecond => FloorDiv(end, 1000) - FloorDiv(start, 1000),
            DatePart.Second or DatePart.Epoch => FloorDiv(end, MicrosPerSecond) - FloorDiv(start, MicrosPerSecond),
            DatePart.Minute => FloorDiv(end, MicrosPerMinute) - FloorDiv(start, MicrosPerMinute),
            DatePart.Hour => FloorDiv(end, MicrosPerHour) - FloorDiv(start, MicrosPerHour),
            DatePart.Day or DatePart.DayOfWeek or DatePart.IsoDayOfWeek or DatePart.DayOfYear => b.DayNumber - a.DayNumber,
            DatePart.Week => (b.DayNumber - a.DayNumber) / 7,
            DatePart.Month => ((b.Year * 12L) + b.Month) - ((a.Year * 12L) + a.Month),
            DatePart.Quarter => ((b.Year * 4L) + ((b.Month - 1) / 3)) - ((a.Year * 4L) + ((a.Month - 1) / 3)),
            DatePart.Year => b.Year - a.Year,
            DatePart.IsoYear => Extract(DatePart.IsoYear, end) - Extract(DatePart.IsoYear, start),
            DatePart.Decade => (b.Year / 10) - (a.Year / 10),
            DatePart.Century => (b.Year / 100) - (a.Year / 100),
            DatePart.Millennium => (b.Year / 1000) - (a.Year / 1000),
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "not a part DATE_DIFF takes"),
        };
    }

    /// <summary>Adds an interval as DuckDB does: months first (the day clamped to the month's end), then days, then microseconds.</summary>
    /// <returns>False when the result is outside the years 1 to 9999.</returns>
    public static bool TryAdd(long micros, IntervalValue interval, out long result)
    {
        result = 0;
        if (Math.Abs(interval.Months) > 12 * 10_000 || Math.Abs(interval.Days) > DateParser.MaxDay - DateParser.MinDay)
        {
            return false;
        }

        var date = Date(micros);
        var ofDay = micros - Midnight(date);
        var monthIndex = (date.Year * 12L) + date.Month - 1 + interval.Months;
        var year = monthIndex / 12;
        if (monthIndex < 12 || year > 9999)
        {
            return false;
        }

        var month = (int)(monthIndex % 12) + 1;
        var day = Math.Min(date.Day, DateTime.DaysInMonth((int)year, month));
        var days = DateParser.FromCivil((int)year, month, day) + interval.Days;
        if (days < DateParser.MinDay || days > DateParser.MaxDay)
        {
            return false;
        }

        var total = (days * MicrosPerDay) + ofDay;
        if ((interval.Micros > 0 && total > MaxMicros - interval.Micros) || (interval.Micros < 0 && total < MinMicros - interval.Micros))
        {
            return false;
        }

        result = total + interval.Micros;
        return true;
    }

    /// <summary>Division rounded toward negative infinity.</summary>
    public static long FloorDiv(long a, long b)
    {
        var (quotient, remainder) = Math.DivRem(a, b);
        return remainder != 0 && (remainder < 0) != (b < 0) ? quotient - 1 : quotient;
    }
}
