using OrleansProc.Engine.Schema;

namespace OrleansProc.Grains.Datasets;

/// <summary>Tells a dataset's format from its blobs' extensions (a trailing .gz is looked through).</summary>
public static class FormatDetector
{
    public static bool TryParse(string? text, out DataFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "csv":
                format = DataFormat.Csv;
                return true;
            case "jsonl" or "json" or "ndjson":
                format = DataFormat.Jsonl;
                return true;
            case "text" or "txt":
                format = DataFormat.Text;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>The format of one blob name, or null when the extension says nothing.</summary>
    public static DataFormat? FromName(string name)
    {
        var plain = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        var extension = Path.GetExtension(plain).ToLowerInvariant();
        return extension switch
        {
            ".csv" => DataFormat.Csv,
            ".jsonl" or ".json" or ".ndjson" => DataFormat.Jsonl,
            ".txt" or ".log" or ".text" => DataFormat.Text,
            _ => null,
        };
    }

    public static string Name(DataFormat format) => format switch
    {
        DataFormat.Csv => "csv",
        DataFormat.Jsonl => "jsonl",
        _ => "text",
    };
}
