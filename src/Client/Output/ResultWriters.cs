namespace OrleansProc.Client.Output;

/// <summary>The writer for each output format.</summary>
internal static class ResultWriters
{
    public static IResultWriter For(OutputFormat format) => format switch
    {
        OutputFormat.Json => new JsonResultWriter(),
        OutputFormat.Csv => new CsvResultWriter(),
        _ => new TableResultWriter(),
    };
}
