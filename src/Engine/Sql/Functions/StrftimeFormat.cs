using System.Globalization;
using System.Text;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// A STRFTIME format, compiled once: DuckDB's codes <c>%a %A %w %u %d %b %h %B %m %y %Y %H %I %p %M %S %f %g %z %Z %j
/// %U %W %V %G %c %x %X %%</c>, and <c>%-d %-m %-y %-H %-I %-M %-S %-j</c> without zero padding. Other codes are refused.
/// </summary>
internal sealed class StrftimeFormat
{
    /// <summary>The codes a format may use, for messages.</summary>
    public const string Codes = "%a %A %w %u %d %b %h %B %m %y %Y %H %I %p %M %S %f %g %z %Z %j %U %W %V %G %c %x %X %% and %-d %-m %-y %-H %-I %-M %-S %-j";

    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private readonly List<(char Code, bool Unpadded, string? Literal)> _items;

    private StrftimeFormat(List<(char Code, bool Unpadded, string? Literal)> items)
    {
        _items = items;
    }

    /// <summary>Compiles a format; false with the reason for an unknown code or a trailing <c>%</c>.</summary>
    public static bool TryCompile(string format, out StrftimeFormat? compiled, out string error)
    {
        compiled = null;
        error = string.Empty;
        var items = new List<(char, bool, string?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                literal.Append(format[i]);
                continue;
            }

            if (i + 1 >= format.Length)
            {
                error = "the format ends with a lone '%'";
                return false;
            }

            var unpadded = format[i + 1] == '-';
            var at = unpadded ? i + 2 : i + 1;
            var code = at < format.Length ? format[at] : '\0';
            var known = unpadded ? "dmyHIMSj".Contains(code, StringComparison.Ordinal) : "aAwudbhBmyYHIpMSfgzZjUWVGcxX%".Contains(code, StringComparison.Ordinal);
            if (code == '\0' || !known)
            {
                error = $"unknown format code '%{(unpadded ? "-" : string.Empty)}{(code == '\0' ? string.Empty : code)}'; codes are {Codes}";
                return false;
            }

            i = at;
            if (code == '%')
            {
                literal.Append('%');
                continue;
            }

            if (literal.Length > 0)
            {
                items.Add(('\0', false, literal.ToString()));
                literal.Clear();
            }

            items.Add((code, unpadded, null));
        }

        if (literal.Length > 0)
        {
            items.Add(('\0', false, literal.ToString()));
        }

        compiled = new StrftimeFormat(items);
        return true;
    }

    /// <summary>Formats a timestamp (microseconds since 1970-01-01).</summary>
    public string Format(long micros)
    {
        var date = DateParts.Date(micros);
        var ofDay = micros - DateParts.Midnight(date);
        var hour = (int)(ofDay / DateParts.MicrosPerHour);
        var minute = (int)(ofDay % DateParts.MicrosPerHour / DateParts.MicrosPerMinute);
        var second = (int)(ofDay % DateParts.MicrosPerMinute / DateParts.MicrosPerSecond);
        var fraction = (int)(ofDay % DateParts.MicrosPerSecond);
        var weekday = (int)date.DayOfWeek;
        var sb = new StringBuilder();
        foreach (var (code, unpadded, literal) in _items)
        {
            if (literal is not null)
            {
                sb.Append(literal);
                continue;
            }

            var hour12 = hour % 12 == 0 ? 12 : hour % 12;
            _ = code switch
            {
                'a' => sb.Append(DayNames[weekday].AsSpan(0, 3)),
                'A' => sb.Append(DayNames[weekday]),
                'w' => Number(sb, weekday, 1, true),
                'u' => Number(sb, weekday == 0 ? 7 : weekday, 1, true),
                'd' => Number(sb, date.Day, 2, unpadded),
                'b' or 'h' => sb.Append(MonthNames[date.Month - 1].AsSpan(0, 3)),
                'B' => sb.Append(MonthNames[date.Month - 1]),
                'm' => Number(sb, date.Month, 2, unpadded),
                'y' => Number(sb, date.Year % 100, 2, unpadded),
                'Y' => Number(sb, date.Year, 4, false),
                'H' => Number(sb, hour, 2, unpadded),
                'I' => Number(sb, hour12, 2, unpadded),
                'p' => sb.Append(hour < 12 ? "AM" : "PM"),
                'M' => Number(sb, minute, 2, unpadded),
                'S' => Number(sb, second, 2, unpadded),
                'f' => Number(sb, fraction, 6, false),
                'g' => Number(sb, fraction / 1000, 3, false),
                'z' => sb.Append("+00"),
                'Z' => sb,
                'j' => Number(sb, date.DayOfYear, 3, unpadded),
                'U' => Number(sb, (date.DayOfYear - 1 + 7 - weekday) / 7, 2, false),
                'W' => Number(sb, (date.DayOfYear - 1 + 7 - ((weekday + 6) % 7)) / 7, 2, false),
                'V' => Number(sb, (int)DateParts.Extract(DatePart.Week, micros), 2, false),
                'G' => Number(sb, (int)DateParts.Extract(DatePart.IsoYear, micros), 4, false),
                'c' => sb.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(' ')
                    .Append(CultureInfo.InvariantCulture, $"{hour:D2}:{minute:D2}:{second:D2}"),
                'x' => sb.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                _ => sb.Append(CultureInfo.InvariantCulture, $"{hour:D2}:{minute:D2}:{second:D2}"),
            };
        }

        return sb.ToString();
    }

    private static StringBuilder Number(StringBuilder sb, int value, int width, bool unpadded) =>
        unpadded ? sb.Append(value.ToString(CultureInfo.InvariantCulture)) : sb.Append(value.ToString(new string('0', width), CultureInfo.InvariantCulture));
}
