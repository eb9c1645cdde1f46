namespace OrleansProc.Infra.Tests.Support;

/// <summary>An Azure Storage connection string split into its key=value parts (keys case-insensitive).</summary>
public static class ConnectionString
{
    public static IReadOnlyDictionary<string, string> Parse(string text) => text
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part => part.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
}
