namespace OrleansProc.Client.Local;

/// <summary>How local mode reads CSV files: the delimiter given with --delimiter (null: tab for .tsv, else sniffed), and --strict-quotes.</summary>
internal sealed record LocalCsvDialect(char? Delimiter, bool StrictQuotes);
