using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Processors;

/// <summary>
/// The PACKAGE argument of <c>run</c> in local mode: a built processor assembly (<c>.dll</c>), a folder holding one,
/// or a processor project (a folder with one <c>.csproj</c>, or the <c>.csproj</c>), optionally followed by
/// <c>:NAME</c> to pick one of several processors.
/// </summary>
/// <param name="Path">The path as given, without <c>:NAME</c>.</param>
/// <param name="ProcessorName">The processor's name after the colon, or null.</param>
internal sealed record ProcessorPackageReference(string Path, string? ProcessorName)
{
    /// <summary>Splits <c>PACKAGE[:NAME]</c>: the last colon starts a name when something precedes it and no path separator follows it.</summary>
    public static ProcessorPackageReference Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var colon = text.LastIndexOf(':');
        if (colon > 0 && colon < text.Length - 1 && text.AsSpan(colon + 1).IndexOfAny('/', '\\') < 0 && !(colon == 1 && char.IsAsciiLetter(text[0])))
        {
            return new ProcessorPackageReference(text[..colon], text[(colon + 1)..]);
        }

        return new ProcessorPackageReference(text.TrimEnd(':'), null);
    }

    /// <summary>The project file to build, when <see cref="Path"/> is a processor project (or its folder); else null.</summary>
    /// <exception cref="CommandException">The path does not exist, or the folder holds several projects.</exception>
    public string? ProjectFile()
    {
        if (File.Exists(Path))
        {
            return Path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? Path : null;
        }

        if (!Directory.Exists(Path))
        {
            throw CommandException.Usage($"the processor package '{Path}' does not exist: give a built .dll, its folder, or a processor project folder (./orleansproc processor new NAME)");
        }

        var projects = Directory.GetFiles(Path, "*.csproj");
        return projects.Length switch
        {
            0 => null,
            1 => projects[0],
            _ => throw CommandException.Usage($"'{Path}' holds {projects.Length} projects ({string.Join(", ", projects.Select(System.IO.Path.GetFileName))}): give the .csproj to build"),
        };
    }

    /// <summary>The package folder of a built assembly or of a folder (not a project).</summary>
    /// <exception cref="CommandException">A file that is not a .dll.</exception>
    public string BuiltFolder()
    {
        if (Directory.Exists(Path))
        {
            return Path;
        }

        return Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!
            : throw CommandException.Usage($"the processor package '{Path}' is not a .dll, a folder or a .csproj");
    }
}
