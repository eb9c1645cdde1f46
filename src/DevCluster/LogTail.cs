using OrleansProc.Contracts;

namespace OrleansProc.DevCluster;

/// <summary>Reads the end of a log file, for error messages.</summary>
internal static class LogTail
{
    public static string LastLine(string path)
    {
        try
        {
            var last = File.ReadLines(path).Where(line => !string.IsNullOrWhiteSpace(line)).LastOrDefault();
            return last is null ? "its log is empty" : OneLine(last.Length > 300 ? last[..300] + "…" : last);
        }
        catch (IOException)
        {
            return "no log";
        }
    }

    /// <summary>True when the file holds the text (read shared, as the writer still has it open).</summary>
    public static bool Contains(string path, string text)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A log line for one line of a message: any storage secret in it masked, newlines flattened.</summary>
    private static string OneLine(string text) =>
        SecretText.Scrub(text).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Trim();
}
