using OrleansProc.Client.Cli;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Client.Datasets;

/// <summary>Finds the files to upload under the given paths and tells their format from their extensions.</summary>
internal static class DatasetFiles
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "jsonl", "text", "parquet"];

    /// <summary>
    /// The files of each path: a file is itself (named by its file name), a folder is every file under it
    /// (recursively, named by its path relative to the folder; hidden files and files starting with '_' are left out).
    /// </summary>
    public static IReadOnlyList<LocalFile> Collect(IEnumerable<string> paths)
    {
        var files = new List<LocalFile>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                files.Add(new LocalFile(full, Path.GetFileName(full), new FileInfo(full).Length));
            }
            else if (Directory.Exists(full))
            {
                var found = Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
                    .Select(file => new LocalFile(file, Path.GetRelativePath(full, file).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(file).Length))
                    .Where(file => !file.RelativeName.Split('/').Any(part => part.StartsWith('.') || part.StartsWith('_')))
                    .OrderBy(file => file.RelativeName, StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw CommandException.Usage($"folder '{path}' holds no files to upload");
                }

                files.AddRange(found);
            }
            else
            {
                throw CommandException.Usage($"no file or folder '{path}'");
            }
        }

        var duplicate = files.GroupBy(f => f.RelativeName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw CommandException.Usage($"two files would both be uploaded as '{duplicate.Key}': {string.Join(" and ", duplicate.Select(f => f.FullPath))}");
        }

        foreach (var file in files)
        {
            try
            {
                FileLinks.ThrowIfBroken(file.FullPath);
            }
            catch (FileNotFoundException e)
            {
                throw CommandException.Usage(e.Message);
            }
        }

        return files;
    }

    /// <summary>csv, jsonl or text from a name's extension (.csv, .jsonl, .ndjson, .json, .txt, .log, each optionally .gz), or null.</summary>
    public static string? FormatOf(string name) => DataFormats.FromName(name) is { } format ? DataFormats.Name(format) : null;

    /// <summary>The format of a file: by its extension, else parquet when it starts with Parquet's magic (PAR1), else null.</summary>
    public static string? FormatOf(LocalFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (FormatOf(file.RelativeName) is { } format)
        {
            return format;
        }

        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(file.FullPath);
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && ParquetSchemaReader.StartsWithMagic(head)
            ? DataFormats.Name(DataFormat.Parquet)
            : null;
    }

    /// <summary>The dataset's format: the one given, else the one all the files' extensions agree on.</summary>
    public static string ResolveFormat(IReadOnlyList<LocalFile> files, string? given)
    {
        if (given is not null)
        {
            return given;
        }

        var unknown = files.FirstOrDefault(f => FormatOf(f) is null);
        if (unknown is not null)
        {
            throw CommandException.Usage($"cannot tell the format of '{unknown.RelativeName}' from its extension (.csv, .jsonl, .json, .txt, .log, + .gz; .parquet): give --format csv|jsonl|text|parquet");
        }

        var formats = files.GroupBy(f => FormatOf(f)!, StringComparer.Ordinal).ToList();
        if (formats.Count > 1)
        {
            var examples = formats.Select(g => $"'{g.First().RelativeName}' is {g.Key}");
            throw CommandException.Usage($"a dataset holds one format, these files mix them: {string.Join(", ", examples)}");
        }

        return formats[0].Key;
    }
}
