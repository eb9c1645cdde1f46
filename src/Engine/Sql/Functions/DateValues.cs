using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>Reads a DATE or TIMESTAMP value as microseconds since 1970-01-01 (a DATE at its midnight).</summary>
internal static class DateValues
{
    public static long Micros(in SqlValue value) => value.Type == SqlType.Date ? value.Int64 * DateParts.MicrosPerDay : value.Int64;

    /// <summary>True for the types the date functions take (NULL included).</summary>
    public static bool IsDateLike(SqlType type) => type is SqlType.Date or SqlType.Timestamp or SqlType.Null;
}
