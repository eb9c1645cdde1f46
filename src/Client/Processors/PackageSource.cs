namespace OrleansProc.Client.Processors;

/// <summary>
/// The folder a <c>processor upload PATH</c> takes: the build output of a processor project (a .csproj, or a folder
/// holding one, built with dotnet build -c Release first), PATH itself when it is another folder (a build output such
/// as bin/Release/net10.0), else the folder of the .dll it names (its dependencies sit beside it); and the package's
/// default name.
/// </summary>
internal sealed record PackageSource(string Folder, string DefaultName)
{
    /// <summary>The package folder of <paramref name="path"/>, building it first when it is a project.</summary>
    /// <exception cref="Cli.CommandException">PATH does not exist, is not a .dll, or its project does not build.</exception>
    public static async Task<PackageSource> ResolveAsync(string path, TextWriter progress, CancellationToken cancellationToken)
    {
        if (new ProcessorPackageReference(path, null).ProjectFile() is { } project)
        {
            var built = await ProcessorProjectBuilder.BuildAsync(project, progress, cancellationToken);
            return new PackageSource(Path.GetFullPath(built), Path.GetFileNameWithoutExtension(project));
        }

        return Of(path);
    }

    /// <exception cref="Cli.CommandException">PATH names neither a folder nor a .dll.</exception>
    public static PackageSource Of(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var deps = Directory.GetFiles(full, "*.deps.json");
            var name = deps.Length == 1 ? Path.GetFileName(deps[0])[..^".deps.json".Length] : Path.GetFileName(Path.TrimEndingDirectorySeparator(full));
            return new PackageSource(full, name);
        }

        if (File.Exists(full) && full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new PackageSource(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full));
        }

        throw Cli.CommandException.Usage(File.Exists(full)
            ? $"'{path}' is not a .dll: give the processor's built assembly or its build output folder (e.g. bin/Release/net10.0)"
            : $"'{path}' does not exist: give the processor's built .dll or its build output folder (run dotnet build -c Release first)");
    }

    /// <summary>A store name made of <paramref name="text"/>: letters, digits, '_', '-' and '.' kept, anything else '-'.</summary>
    public static string NameOf(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '-').ToArray());
}
