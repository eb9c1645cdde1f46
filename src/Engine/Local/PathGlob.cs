using System.IO.Enumeration;

namespace OrleansProc.Engine.Local;

/// <summary>Expands a file, a folder or a glob into the files it names (see <see cref="LocalJobRunner.ExpandPaths"/>).</summary>
internal static class PathGlob
{
    private static readonly char[] s_separators = Path.DirectorySeparatorChar == Path.AltDirectorySeparatorChar
        ? [Path.DirectorySeparatorChar]
        : [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    private static readonly bool s_ignoreCase = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();

    private static readonly EnumerationOptions s_flat = new() { IgnoreInaccessible = true };

    private static readonly EnumerationOptions s_recursive = new() { IgnoreInaccessible = true, RecurseSubdirectories = true };

    public static IReadOnlyList<string> Expand(string pathOrGlob)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrGlob);
        if (!HasWildcard(pathOrGlob))
        {
            if (File.Exists(pathOrGlob))
            {
                FileLinks.ThrowIfBroken(pathOrGlob);
                return [pathOrGlob];
            }

            if (Directory.Exists(pathOrGlob))
            {
                var inFolder = Directory.GetFiles(pathOrGlob, "*", s_recursive);
                if (inFolder.Length == 0)
                {
                    throw new FileNotFoundException($"The folder '{pathOrGlob}' holds no files.", pathOrGlob);
                }

                Array.Sort(inFolder, StringComparer.Ordinal);
                Array.ForEach(inFolder, FileLinks.ThrowIfBroken);
                return inFolder;
            }

            throw new FileNotFoundException($"No file or folder '{pathOrGlob}' exists.", pathOrGlob);
        }

        var root = Path.GetPathRoot(pathOrGlob) ?? string.Empty;
        var segments = pathOrGlob[root.Length..].Split(s_separators, StringSplitOptions.RemoveEmptyEntries);
        var found = new HashSet<string>(StringComparer.Ordinal);
        Walk(root, segments, 0, found);
        if (found.Count == 0)
        {
            throw new FileNotFoundException($"No files match '{pathOrGlob}'.", pathOrGlob);
        }

        var files = new string[found.Count];
        found.CopyTo(files);
        Array.Sort(files, StringComparer.Ordinal);
        Array.ForEach(files, FileLinks.ThrowIfBroken);
        return files;
    }

    private static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Adds the files under <paramref name="directory"/> that match <paramref name="segments"/> from <paramref name="index"/> on.</summary>
    private static void Walk(string directory, string[] segments, int index, HashSet<string> found)
    {
        var segment = segments[index];
        var last = index == segments.Length - 1;
        var io = directory.Length == 0 ? "." : directory;
        if (!Directory.Exists(io))
        {
            return;
        }

        if (segment == "**")
        {
            if (last)
            {
                foreach (var file in Directory.EnumerateFiles(io, "*", s_recursive))
                {
                    found.Add(directory.Length == 0 ? Path.GetRelativePath(".", file) : file);
                }

                return;
            }

            // Zero directories, then each subdirectory (not following links, so a link cycle cannot loop).
            Walk(directory, segments, index + 1, found);
            foreach (var sub in new DirectoryInfo(io).EnumerateDirectories("*", s_flat))
            {
                if ((sub.Attributes & FileAttributes.ReparsePoint) == 0)
                {
                    Walk(Path.Join(directory, sub.Name), segments, index, found);
                }
            }

            return;
        }

        if (!HasWildcard(segment))
        {
            var path = Path.Join(directory, segment);
            if (!last)
            {
                Walk(path, segments, index + 1, found);
            }
            else if (File.Exists(path))
            {
                found.Add(path);
            }

            return;
        }

        if (last)
        {
            foreach (var file in new DirectoryInfo(io).EnumerateFiles("*", s_flat))
            {
                if (FileSystemName.MatchesSimpleExpression(segment, file.Name, s_ignoreCase))
                {
                    found.Add(Path.Join(directory, file.Name));
                }
            }

            return;
        }

        foreach (var sub in new DirectoryInfo(io).EnumerateDirectories("*", s_flat))
        {
            if (FileSystemName.MatchesSimpleExpression(segment, sub.Name, s_ignoreCase))
            {
                Walk(Path.Join(directory, sub.Name), segments, index + 1, found);
            }
        }
    }
}
