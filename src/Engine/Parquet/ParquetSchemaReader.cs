using OrleansProc.Engine.Parquet.Decoding;
using OrleansProc.Engine.Schema;
using ParquetSharp;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// A Parquet file's schema, from its footer (no inference): each top-level column with the Engine's type for it
/// (integers BIGINT, FLOAT/DOUBLE/DECIMAL DOUBLE, strings VARCHAR, BOOLEAN, TIMESTAMP of any unit and DATE
/// TIMESTAMP). A column the Engine cannot read (nested, list, map, binary, ...) is listed as VARCHAR and fails a query
/// that reads it.
/// </summary>
public static class ParquetSchemaReader
{
    /// <summary>The 4 bytes a Parquet file starts and ends with.</summary>
    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>Reads the schema of <paramref name="file"/>, a seekable stream over a whole Parquet file, from its footer (managed: ParquetSharp is not loaded).</summary>
    /// <param name="file">The file; read from its end, left open.</param>
    /// <param name="name">The file's name, for errors.</param>
    /// <exception cref="InvalidDataException">The file is not Parquet, or its footer is truncated, malformed or encrypted.</exception>
    public static TableSchema Read(Stream file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ParquetFooterReader.Read(file, name).Columns.ToSchema();
    }

    /// <summary>True when <paramref name="head"/> (a file's first bytes) starts with the Parquet magic.</summary>
    public static bool StartsWithMagic(ReadOnlySpan<byte> head) => head.StartsWith(Magic);

    internal static InvalidDataException NotParquet(string name, ParquetException error)
    {
        var message = error.Message;
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return new InvalidDataException($"'{name}' is not a readable Parquet file: {(end < 0 ? message : message[..end].TrimEnd())}", error);
    }
}
