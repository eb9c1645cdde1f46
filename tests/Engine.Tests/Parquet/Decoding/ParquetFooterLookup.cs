using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Parquet.Decoding;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>What the decoder tests look up in a Parquet file's footer (through the managed footer reader).</summary>
internal static class ParquetFooterLookup
{
    /// <summary>Per row group, per leaf: where each column chunk is.</summary>
    public static ParquetChunkLocation[][] Locations(string path) => Footer(path).Locations;

    /// <summary>The leaf (column chunk index) of a top-level column.</summary>
    public static int Leaf(string path, string column)
    {
        var columns = Footer(path).Columns;
        return columns.Leaves[columns.IndexOf(column)];
    }

    /// <summary>The type of a top-level column.</summary>
    public static ParquetColumnType Type(string path, string column)
    {
        var columns = Footer(path).Columns;
        return columns.Types[columns.IndexOf(column)];
    }

    private static ParquetFileFooter Footer(string path)
    {
        using var file = File.OpenRead(path);
        return ParquetFooterReader.Read(file, path);
    }
}
