using System.Globalization;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// One record as a user processor sees it: a copy of the values of the columns it named, in its order. Reused from
/// batch to batch. Conversions follow <see cref="IRecord"/>: text parses as numbers, booleans, dates and timestamps
/// with the invariant culture; a value that does not convert is a <see cref="FormatException"/> naming the column.
/// </summary>
internal sealed class UserRecord(UserColumns columns) : IRecord
{
    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    public SqlValue[] Values { get; } = new SqlValue[columns.Names.Count];

    public string? GetString(int ordinal)
    {
        var value = Values[ordinal];
        return value.Type == SqlType.Varchar ? value.Text : value.ToInvariantString();
    }

    public string? GetString(string column) => GetString(columns.Ordinal(column));

    public long? GetInt64(int ordinal)
    {
        var value = Values[ordinal];
        return value.Type switch
        {
            SqlType.Null => null,
            SqlType.BigInt => value.Int64,
            SqlType.Boolean => value.Int64,
            SqlType.Double when value.Float64 == Math.Floor(value.Float64) && value.Float64 is >= long.MinValue and < 9.2233720368547758E+18 => (long)value.Float64,
            SqlType.Varchar when long.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw NotA(ordinal, "an integer"),
        };
    }

    public long? GetInt64(string column) => GetInt64(columns.Ordinal(column));

    public double? GetDouble(int ordinal)
    {
        var value = Values[ordinal];
        return value.Type switch
        {
            SqlType.Null => null,
            SqlType.BigInt => value.Int64,
            SqlType.Double => value.Float64,
            SqlType.Varchar when double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw NotA(ordinal, "a number"),
        };
    }

    public double? GetDouble(string column) => GetDouble(columns.Ordinal(column));

    public bool? GetBoolean(int ordinal)
    {
        var value = Values[ordinal];
        return value.Type switch
        {
            SqlType.Null => null,
            SqlType.Boolean => value.Bool,
            SqlType.BigInt when value.Int64 is 0 or 1 => value.Int64 == 1,
            SqlType.Varchar when bool.TryParse(value.Text, out var parsed) => parsed,
            _ => throw NotA(ordinal, "a boolean"),
        };
    }

    public bool? GetBoolean(string column) => GetBoolean(columns.Ordinal(column));

    public DateOnly? GetDate(int ordinal)
    {
        var value = Values[ordinal];
        return value.Type switch
        {
            SqlType.Null => null,
            SqlType.Date => DateOnly.FromDateTime(Epoch.AddDays(value.Int64)),
            SqlType.Timestamp => DateOnly.FromDateTime(ToDateTime(value.Int64)),
            SqlType.Varchar when DateParser.TryParse(value.Text, out var days) => DateOnly.FromDateTime(Epoch.AddDays(days)),
            _ => throw NotA(ordinal, "a date"),
        };
    }

    public DateOnly? GetDate(string column) => GetDate(columns.Ordinal(column));

    public DateTime? GetTimestamp(int ordinal)
    {
        var value = Values[ordinal];
        return value.Type switch
        {
            SqlType.Null => null,
            SqlType.Timestamp => ToDateTime(value.Int64),
            SqlType.Date => Epoch.AddDays(value.Int64),
            SqlType.Varchar when TimestampParser.TryParse(value.Text, out var micros) => ToDateTime(micros),
            _ => throw NotA(ordinal, "a timestamp"),
        };
    }

    public DateTime? GetTimestamp(string column) => GetTimestamp(columns.Ordinal(column));

    public bool IsNull(int ordinal) => Values[ordinal].IsNull;

    public bool IsNull(string column) => IsNull(columns.Ordinal(column));

    private static DateTime ToDateTime(long micros) => Epoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);

    private FormatException NotA(int ordinal, string what) =>
        new($"column '{columns.Names[ordinal]}': the value '{Values[ordinal].ToInvariantString()}' ({SqlTypeNames.Name(Values[ordinal].Type)}) is not {what}");
}
