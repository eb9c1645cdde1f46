namespace OrleansProc.Engine.Local;

/// <summary>
/// Symbolic links among the files a user names. On Unix .NET's <see cref="File.Exists"/> is true for a link whose
/// target is gone, and reading it then fails deep inside a job; this names the link and its target up front.
/// </summary>
public static class FileLinks
{
    /// <summary>Throws <see cref="FileNotFoundException"/> naming the link and its target when <paramref name="file"/> is a link to nothing.</summary>
    public static void ThrowIfBroken(string file)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is not { } target)
        {
            return;
        }

        bool exists;
        try
        {
            exists = info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (IOException)
        {
            // A loop of links, or one too many in a row.
            exists = false;
        }

        if (!exists)
        {
            throw new FileNotFoundException($"'{file}' is a link to '{target}', which does not exist (or is a loop of links).", file);
        }
    }
}
