namespace OrleansProc.Client.Local;

/// <summary>Tells a local path or glob (local mode) from a dataset name.</summary>
internal static class LocalPaths
{
    /// <summary>True for text with a path separator or a wildcard, or naming a file or folder that exists here.</summary>
    public static bool IsPath(string? text) =>
        text is { Length: > 0 } &&
        (text.IndexOfAny(['/', '\\', '*', '?']) >= 0 || File.Exists(text) || Directory.Exists(text));
}
