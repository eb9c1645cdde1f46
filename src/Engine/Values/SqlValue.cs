using System.Globalization;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Values;

/// <summary>
/// One SQL value. BIGINT, BOOLEAN (0/1), TIMESTAMP (microseconds since the Unix epoch, UTC) and DATE (days since
/// 1970-01-01) live in
/// <see cref="Int64"/>; DOUBLE in <see cref="Float64"/>; VARCHAR in <see cref="Text"/>.
/// The default value is NULL.
/// </summary>
public readonly struct SqlValue : IEquatable<SqlValue>
{
    private readonly long _int;
    private readonly double _double;
    private readonly string? _text;

    private SqlValue(SqlType type, long i, double d, string? s)
    {
        Type = type;
        _int = i;
        _double = d;
        _text = s;
    }

    public static SqlValue Null => default;

    public SqlType Type { get; }

    public bool IsNull => Type == SqlType.Null;

    public long Int64 => _int;

    public double Float64 => _double;

    public string Text => _text ?? string.Empty;

    public bool Bool => _int != 0;

    public static SqlValue FromInt64(long value) => new(SqlType.BigInt, value, 0, null);

    public static SqlValue FromDouble(double value) => new(SqlType.Double, 0, value, null);

    public static SqlValue FromText(string value) => new(SqlType.Varchar, 0, 0, value);

    public static SqlValue FromBool(bool value) => new(SqlType.Boolean, value ? 1 : 0, 0, null);

    /// <summary>A timestamp as microseconds since 1970-01-01T00:00:00Z.</summary>
    public static SqlValue FromTimestamp(long microsecondsSinceEpoch) => new(SqlType.Timestamp, microsecondsSinceEpoch, 0, null);

    /// <summary>A date as days since 1970-01-01.</summary>
    public static SqlValue FromDate(long daysSinceEpoch) => new(SqlType.Date, daysSinceEpoch, 0, null);

    /// <summary>The value as a double, for numeric types.</summary>
    public double AsDouble() => Type == SqlType.Double ? _double : _int;

    public bool Equals(SqlValue other)
    {
        if (Type != other.Type)
        {
            return false;
        }

        return Type switch
        {
            SqlType.Null => true,
            SqlType.Double => _double.Equals(other._double),
            SqlType.Varchar => string.Equals(_text, other._text, StringComparison.Ordinal),
            _ => _int == other._int,
        };
    }

    public override bool Equals(object? obj) => obj is SqlValue other && Equals(other);

    public override int GetHashCode() => Type switch
    {
        SqlType.Null => 0,
        SqlType.Double => _double.GetHashCode(),
        SqlType.Varchar => StringComparer.Ordinal.GetHashCode(_text ?? string.Empty),
        _ => HashCode.Combine((byte)Type, _int),
    };

    public static bool operator ==(SqlValue left, SqlValue right) => left.Equals(right);

    public static bool operator !=(SqlValue left, SqlValue right) => !left.Equals(right);

    /// <summary>
    /// The canonical text of the value, used in results: integers plainly, doubles in their shortest
    /// round-trip form, booleans as true/false, timestamps as ISO-8601 (yyyy-MM-dd HH:mm:ss[.ffffff], trailing zeros dropped) as
    /// DuckDB prints them, dates as yyyy-MM-dd, NULL as null.
    /// </summary>
    public string? ToInvariantString() => Type switch
    {
        SqlType.Null => null,
        SqlType.BigInt => _int.ToString(CultureInfo.InvariantCulture),
        SqlType.Double => _double.ToString("R", CultureInfo.InvariantCulture),
        SqlType.Boolean => _int != 0 ? "true" : "false",
        SqlType.Timestamp => FormatTimestamp(_int),
        SqlType.Date => DateParser.Format(_int),
        _ => _text ?? string.Empty,
    };

    public override string ToString() => ToInvariantString() ?? "NULL";

    private static string FormatTimestamp(long micros)
    {
        var dt = DateTime.UnixEpoch.AddTicks(micros * 10);
        return micros % 1_000_000 == 0
            ? dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture);
    }
}
