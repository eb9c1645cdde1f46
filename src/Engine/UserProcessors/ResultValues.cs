using System.Globalization;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>Turns the values of a processor's result and output rows (.NET objects) into SQL values of the declared <see cref="ResultType"/>.</summary>
internal static class ResultValues
{
    /// <summary>The SQL type of a result column's type.</summary>
    public static SqlType SqlTypeOf(ResultType type) => type switch
    {
        ResultType.Text => SqlType.Varchar,
        ResultType.Integer => SqlType.BigInt,
        ResultType.Double => SqlType.Double,
        ResultType.Boolean => SqlType.Boolean,
        ResultType.Date => SqlType.Date,
        ResultType.Timestamp => SqlType.Timestamp,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown result type"),
    };

    /// <summary>Converts one row into <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidCastException">The row has another number of values than columns, or a value is not of its column's type.</exception>
    public static void Convert(object?[] row, IReadOnlyList<ResultColumn> columns, Span<SqlValue> destination)
    {
        if (row.Length != columns.Count)
        {
            throw new InvalidCastException(
                string.Create(CultureInfo.InvariantCulture, $"a row has {row.Length} values but the processor has {columns.Count} result columns ({string.Join(", ", columns.Select(c => c.Name))})"));
        }

        for (var i = 0; i < row.Length; i++)
        {
            destination[i] = Convert(row[i], columns[i]);
        }
    }

    private static SqlValue Convert(object? value, ResultColumn column)
    {
        if (value is null or DBNull)
        {
            return SqlValue.Null;
        }

        switch (column.Type)
        {
            case ResultType.Text:
                return SqlValue.FromText(value as string ?? (value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? string.Empty));
            case ResultType.Integer:
                switch (value)
                {
                    case long l: return SqlValue.FromInt64(l);
                    case int n: return SqlValue.FromInt64(n);
                    case short s: return SqlValue.FromInt64(s);
                    case sbyte sb: return SqlValue.FromInt64(sb);
                    case byte b: return SqlValue.FromInt64(b);
                    case ushort us: return SqlValue.FromInt64(us);
                    case uint ui: return SqlValue.FromInt64(ui);
                    case ulong ul when ul <= long.MaxValue: return SqlValue.FromInt64((long)ul);
                    default: throw Mismatch(value, column);
                }

            case ResultType.Double:
                return value switch
                {
                    double d => SqlValue.FromDouble(d),
                    float f => SqlValue.FromDouble(f),
                    decimal m => SqlValue.FromDouble((double)m),
                    long or int or short or sbyte or byte or ushort or uint or ulong => SqlValue.FromDouble(System.Convert.ToDouble(value, CultureInfo.InvariantCulture)),
                    _ => throw Mismatch(value, column),
                };
            case ResultType.Boolean:
                return value is bool flag ? SqlValue.FromBool(flag) : throw Mismatch(value, column);
            case ResultType.Date:
                return value switch
                {
                    DateOnly date => SqlValue.FromDate(date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
                    DateTime time => SqlValue.FromDate(DateOnly.FromDateTime(time).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
                    _ => throw Mismatch(value, column),
                };
            case ResultType.Timestamp:
                return value switch
                {
                    DateTime time => SqlValue.FromTimestamp(Micros(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time)),
                    DateTimeOffset offset => SqlValue.FromTimestamp(Micros(offset.UtcDateTime)),
                    DateOnly date => SqlValue.FromTimestamp(Micros(date.ToDateTime(TimeOnly.MinValue))),
                    _ => throw Mismatch(value, column),
                };
            default:
                throw Mismatch(value, column);
        }
    }

    private static long Micros(DateTime time) => (time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    private static InvalidCastException Mismatch(object value, ResultColumn column) =>
        new($"the result column '{column.Name}' is {column.Type} but a value is a {value.GetType().Name} ({System.Convert.ToString(value, CultureInfo.InvariantCulture)})");
}
