namespace OrleansProc.Engine.Schema;

/// <summary>
/// The one place that tells a format from a name: a file or blob name by its extension (a trailing .gz is looked
/// through: .csv; .jsonl, .json, .ndjson; .txt, .log, .text), or a format the user spelled. A JSON name is JSON Lines
/// until the content says otherwise (see <see cref="Io.JsonLayout"/>: a first non-space byte '[' makes it <see cref="DataFormat.JsonArray"/>).
/// </summary>
public static class DataFormats
{
    public static bool TryParse(string? text, out DataFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "csv":
                format = DataFormat.Csv;
                return true;
            case "jsonl" or "ndjson":
                format = DataFormat.Jsonl;
                return true;
            case "json" or "json-array":
                format = DataFormat.JsonArray;
                return true;
            case "text" or "txt":
                format = DataFormat.Text;
                return true;
            case "parquet":
                format = DataFormat.Parquet;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>The format of a file or blob name, or null when the extension says nothing.</summary>
    public static DataFormat? FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        var extension = Path.GetExtension(plain).ToLowerInvariant();
        return extension switch
        {
            ".csv" or ".tsv" => DataFormat.Csv,
            ".jsonl" or ".json" or ".ndjson" => DataFormat.Jsonl,
            ".txt" or ".log" or ".text" => DataFormat.Text,
            ".parquet" => DataFormat.Parquet,
            _ => null,
        };
    }

    public static string Name(DataFormat format) => format switch
    {
        DataFormat.Csv => "csv",
        DataFormat.Jsonl => "jsonl",
        DataFormat.JsonArray => "json",
        DataFormat.Parquet => "parquet",
        _ => "text",
    };

    /// <summary>Whether a blob of <paramref name="format"/> may be cut into byte ranges (a JSON array is one partition per blob).</summary>
    public static bool CanCutRanges(DataFormat format) => format != DataFormat.JsonArray;
}
