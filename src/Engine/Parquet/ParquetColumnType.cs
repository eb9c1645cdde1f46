using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// What one top-level column of a Parquet file is to the Engine: how to read it, its SQL type, the decimal scale, the
/// byte length of a fixed-length decimal, or why it cannot be read (then <see cref="Kind"/> is
/// <see cref="ParquetValueKind.Unsupported"/> and the type is VARCHAR, a placeholder that no scan reads).
/// </summary>
internal readonly record struct ParquetColumnType(ParquetValueKind Kind, SqlType Type, int Scale, int ByteLength, string? Unsupported)
{
    public bool IsSupported => Kind != ParquetValueKind.Unsupported;
}
