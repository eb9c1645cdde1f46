namespace OrleansProc.Client.Output;

/// <summary>Maps a result column's SQL type name to how its cells are rendered.</summary>
internal static class CellKinds
{
    public static CellKind Of(string? sqlType) => sqlType?.Trim().ToUpperInvariant() switch
    {
        "BIGINT" or "INTEGER" or "INT" or "SMALLINT" or "TINYINT" or "HUGEINT" => CellKind.Integer,
        "DOUBLE" or "FLOAT" or "REAL" or "DECIMAL" => CellKind.Real,
        "BOOLEAN" or "BOOL" => CellKind.Boolean,
        _ => CellKind.Text,
    };

    public static bool IsNumeric(CellKind kind) => kind is CellKind.Integer or CellKind.Real;
}
