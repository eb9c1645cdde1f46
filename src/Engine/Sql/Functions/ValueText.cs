using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>A non-NULL value as text, as DuckDB casts it to VARCHAR (for <c>||</c> and CONCAT).</summary>
internal static class ValueText
{
    public static string Of(in SqlValue value) => value.Type switch
    {
        SqlType.Varchar => value.Text,
        SqlType.Double => DoubleText.Format(value.Float64),
        _ => value.ToInvariantString() ?? string.Empty,
    };
}
