using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Functions;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>
/// The order of non-NULL values: numbers numerically (BIGINT against DOUBLE as doubles; NaN above every other
/// double, as DuckDB orders it), text by ordinal UTF-16 order, booleans false before true, timestamps and dates in time (a date
/// at its midnight).
/// Values of types that do not compare are ordered by type, so the order is total.
/// </summary>
internal static class SqlValueComparer
{
    public static int Compare(in SqlValue a, in SqlValue b)
    {
        var ta = a.Type;
        var tb = b.Type;
        if (ta == tb)
        {
            return ta switch
            {
                SqlType.Double => CompareDouble(a.Float64, b.Float64),
                SqlType.Varchar => Math.Sign(string.CompareOrdinal(a.Text, b.Text)),
                SqlType.Null => 0,
                _ => a.Int64.CompareTo(b.Int64),
            };
        }

        if (IsNumeric(ta) && IsNumeric(tb))
        {
            return CompareDouble(a.AsDouble(), b.AsDouble());
        }

        if ((ta, tb) is (SqlType.Date, SqlType.Timestamp) or (SqlType.Timestamp, SqlType.Date))
        {
            return DateValues.Micros(a).CompareTo(DateValues.Micros(b));
        }

        return ((byte)ta).CompareTo((byte)tb);
    }

    /// <summary>Compares with NULLs placed last (or first), in ascending order of the non-NULL values.</summary>
    public static int CompareNullsLast(in SqlValue a, in SqlValue b)
    {
        if (a.IsNull)
        {
            return b.IsNull ? 0 : 1;
        }

        return b.IsNull ? -1 : Compare(a, b);
    }

    public static int CompareDouble(double a, double b)
    {
        if (a < b)
        {
            return -1;
        }

        if (a > b)
        {
            return 1;
        }

        if (a == b)
        {
            return 0;
        }

        var an = double.IsNaN(a);
        var bn = double.IsNaN(b);
        return an == bn ? 0 : an ? 1 : -1;
    }

    public static bool IsNumeric(SqlType type) => type is SqlType.BigInt or SqlType.Double;
}
