using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Processing;

/// <summary>The files a transform writes its output rows to: CSV part files (the default) or Parquet part files.</summary>
public static class OutputFiles
{
    /// <summary>The formats a transform can write: CSV and Parquet.</summary>
    public static bool CanWrite(DataFormat format) => format is DataFormat.Csv or DataFormat.Parquet;

    /// <summary>The name of partition <paramref name="index"/>'s part file: <c>part-000007.csv</c> or <c>part-000007.parquet</c>.</summary>
    public static string PartName(DataFormat format, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"part-{index:D6}.{(format == DataFormat.Parquet ? "parquet" : "csv")}");

    /// <summary>A writer of rows in <paramref name="format"/> to <paramref name="output"/> (left open).</summary>
    public static IOutputRowWriter CreateWriter(DataFormat format, Stream output) => format switch
    {
        DataFormat.Csv => new CsvRowWriter(output),
        DataFormat.Parquet => new ParquetRowWriter(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "a transform writes CSV or Parquet"),
    };
}
