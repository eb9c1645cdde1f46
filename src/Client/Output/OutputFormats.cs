namespace OrleansProc.Client.Output;

/// <summary>Parses the --format values.</summary>
internal static class OutputFormats
{
    public static bool TryParse(string? text, out OutputFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "table":
                format = OutputFormat.Table;
                return true;
            case "json":
                format = OutputFormat.Json;
                return true;
            case "csv":
                format = OutputFormat.Csv;
                return true;
            default:
                format = OutputFormat.Table;
                return false;
        }
    }
}
