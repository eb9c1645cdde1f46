using System.CommandLine;
using System.Globalization;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Output;
using OrleansProc.Client.Processors;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.ProcessorStore;

namespace OrleansProc.Client.Commands;

/// <summary><c>processor upload | list | show | delete</c>: the processor store in blob storage.</summary>
internal static class ProcessorCommands
{
    public static Command Create(ConsoleContext console)
    {
        var command = new DocumentedCommand("processor",
            "Your own C# processors (OrleansProc.Sdk): write one from a template and run it over local files (see: run); upload it to\n" +
            "the processor store in blob storage (versioned by a SHA-256 of its files) and run it on the cluster with run NAME DATASET.",
            "./orleansproc processor new top-countries && ./orleansproc run ./top-countries 'data/*.csv'",
            "./orleansproc processor upload ./top-countries && ./orleansproc run top-countries sales",
            "./orleansproc processor list",
            "./orleansproc processor show top-countries");
        command.Subcommands.Add(New(console));
        command.Subcommands.Add(Upload(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Show(console));
        command.Subcommands.Add(Delete(console));
        return command;
    }

    private static Command New(ConsoleContext console)
    {
        var name = new Argument<string>("name") { Description = "the processor's name: a letter, then letters, digits, '-' or '_'", HelpName = "NAME" };
        var output = new Option<string?>("--output", "-o") { Description = "the folder to write the project into (default: ./NAME); must be empty or new", HelpName = "DIR" };
        var command = new DocumentedCommand("new",
            "Write a processor project: NAME/ClassName.csproj (referencing the OrleansProc.Sdk.dll beside this client), one processor\n" +
            "class to edit, a README. It builds offline with dotnet build; run it with: ./orleansproc run NAME 'path/*.csv'.",
            "./orleansproc processor new top-countries",
            "./orleansproc processor new log-stats --output ~/src/log-stats && ./orleansproc run ~/src/log-stats 'logs/*.log'")
        {
            name, output,
        };
        command.SetAction(parsed =>
        {
            var processorName = parsed.GetRequiredValue(name);
            var folder = parsed.GetValue(output) ?? processorName;
            var files = ProcessorTemplate.Write(processorName, folder, Path.Join(AppContext.BaseDirectory, ProcessorTemplate.SdkFileName));
            foreach (var file in files)
            {
                console.Out.WriteLine(file);
            }

            console.Error.WriteLine($"wrote processor '{processorName}' in {folder}; try: ./orleansproc run {folder} 'data/*.csv'");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Upload(ConsoleContext console)
    {
        var path = new Argument<string>("path") { Description = "the processor's built .dll (its folder's files go with it), a build output folder, or a processor project (built first)", HelpName = "PATH.dll|FOLDER" };
        var name = new Option<string?>("--name", "-n") { Description = "the package's name in the store (default: the assembly's name)", HelpName = "NAME" };
        name.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } given && Names.Validate(given, "processor") is { } error)
            {
                result.AddError(error);
            }
        });
        var command = new DocumentedCommand("upload",
            "Upload a processor package: every file of the folder (the .dll, its .deps.json and dependencies; a project folder is\n" +
            "built with dotnet build -c Release first and its output taken) as one version,\n" +
            "named by the SHA-256 of the content. The same content uploaded again is the same version (made the latest again);\n" +
            "jobs run the latest version unless run --version names one, and a running job keeps the version it started with.",
            "./orleansproc processor upload ./Hashing/bin/Release/net10.0/Hashing.dll",
            "./orleansproc processor upload ./Hashing/bin/Release/net10.0 --name hashing",
            "./orleansproc processor upload ./top-countries   (a project folder from processor new: built first)")
        {
            path, name,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var source = await PackageSource.ResolveAsync(parsed.GetRequiredValue(path), console.Error, cancellationToken);
            var package = parsed.GetValue(name) ?? PackageSource.NameOf(source.DefaultName);
            if (Names.Validate(package, "processor") is { } badName)
            {
                throw CommandException.Usage($"{badName}; give one with --name");
            }

            var files = PackageContent.ListFiles(source.Folder);
            if (files.Count == 0)
            {
                throw CommandException.Usage($"'{source.Folder}' holds no files");
            }

            IReadOnlyList<PackageProcessor> processors;
            try
            {
                processors = PackageProcessors.Discover(source.Folder);
            }
            catch (QueryException e)
            {
                throw CommandException.Usage($"{e.Message}; nothing was uploaded");
            }

            return await ClusterSession.RunAsync(
                async cluster =>
                {
                    var upload = await new ProcessorStore(cluster.Blobs, console.Time).UploadAsync(package, source.Folder, files, processors, cancellationToken);
                    var manifest = upload.Manifest;
                    console.Out.WriteLine(upload.AlreadyStored
                        ? $"processor '{package}' version {manifest.Version} is stored already (same content); it is the latest again"
                        : $"uploaded processor '{package}' version {manifest.Version}: {files.Count} files, {ByteSize.Format(manifest.Size)}; processors: {string.Join(", ", processors.Select(p => p.Name))}");
                    return ExitCodes.Success;
                },
                cancellationToken);
        });
        return command;
    }

    private static Command List(ConsoleContext console)
    {
        var format = CommonOptions.Format();
        var command = new DocumentedCommand("list", "List the stored processor packages: name, latest version, versions, the processors in the latest, when it was uploaded.",
            "./orleansproc processor list",
            "./orleansproc processor list --format json") { format };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var packages = await new ProcessorStore(cluster.Blobs, console.Time).ListAsync(cancellationToken);
                ResultColumn[] columns = [new("name", "VARCHAR"), new("latest", "VARCHAR"), new("versions", "BIGINT"), new("processors", "VARCHAR"), new("uploaded", "TIMESTAMP")];
                var rows = packages.Select(p => (IReadOnlyList<string?>)[
                    p.Key, p.Value[0].Version, Invariant(p.Value.Count), string.Join(", ", p.Value[0].Processors.Select(x => x.Name)), Timestamp(p.Value[0].UploadedAt)]).ToList();
                ResultWriters.For(parsed.GetValue(format)).Write(console.Out, columns, rows);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command Show(ConsoleContext console)
    {
        var name = ProcessorName();
        var format = CommonOptions.Format();
        var command = new DocumentedCommand("show",
            "Show a processor package: one row per version (the latest first) and processor in it, with its kind, description,\n" +
            "the columns it reads and the columns of its result.",
            "./orleansproc processor show hashing",
            "./orleansproc processor show hashing --format json") { name, format };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var package = parsed.GetRequiredValue(name);
                var versions = await new ProcessorStore(cluster.Blobs, console.Time).VersionsAsync(package, cancellationToken);
                if (versions.Count == 0)
                {
                    throw NoSuchProcessor(package);
                }

                ResultColumn[] columns = [
                    new("version", "VARCHAR"), new("latest", "BOOLEAN"), new("uploaded", "TIMESTAMP"), new("files", "BIGINT"), new("bytes", "BIGINT"),
                    new("processor", "VARCHAR"), new("kind", "VARCHAR"), new("columns", "VARCHAR"), new("result", "VARCHAR"), new("description", "VARCHAR")];
                var rows = new List<IReadOnlyList<string?>>();
                foreach (var version in versions)
                {
                    var latest = version == versions[0] ? "true" : "false";
                    var common = new[] { version.Version, latest, Timestamp(version.UploadedAt), Invariant(version.Files.Count), Invariant(version.Size) };
                    if (version.Processors.Count == 0)
                    {
                        rows.Add([.. common, null, null, null, null, null]);
                    }

                    rows.AddRange(version.Processors.Select(p => (IReadOnlyList<string?>)[
                        .. common, p.Name, p.Kind, string.Join(", ", p.Columns), string.Join(", ", p.ResultColumns), p.Description]));
                }

                ResultWriters.For(parsed.GetValue(format)).Write(console.Out, columns, rows);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command Delete(ConsoleContext console)
    {
        var name = ProcessorName();
        var version = new Option<string?>("--version") { Description = "delete only this version (or a unique prefix of it); default: every version", HelpName = "V" };
        var force = new Option<bool>("--force") { Description = "delete even while a running job uses it (the job then fails on silos that have not downloaded it yet)" };
        var command = new DocumentedCommand("delete",
            "Delete a processor package (every version) or one version. Refused while a running job uses it, unless --force.",
            "./orleansproc processor delete hashing",
            "./orleansproc processor delete hashing --version 3f2a9c01") { name, version, force };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var package = parsed.GetRequiredValue(name);
                var store = new ProcessorStore(cluster.Blobs, console.Time);
                var versions = await store.VersionsAsync(package, cancellationToken);
                if (versions.Count == 0)
                {
                    throw NoSuchProcessor(package);
                }

                IReadOnlyList<ProcessorPackageManifest> doomed = versions;
                if (parsed.GetValue(version) is { } requested)
                {
                    doomed = [ProcessorPackageManifest.Find(versions, package, requested, out var error) ?? throw CommandException.Usage(error!)];
                }

                if (!parsed.GetValue(force))
                {
                    var jobs = await cluster.Client.GetGrain<IJobDirectoryGrain>("default").ListAsync(int.MaxValue, cancellationToken);
                    var users = jobs.Where(j => j.State is JobState.Running or JobState.Merging && doomed.Any(v => ProcessorRuns.Uses(j.Description, v.Name, v.Version))).ToList();
                    if (users.Count > 0)
                    {
                        throw new CommandException(
                            $"processor '{package}' is used by running job(s) {string.Join(", ", users.Select(j => j.JobId))}: wait for them, cancel them (job cancel ID) or give --force");
                    }
                }

                foreach (var doomedVersion in doomed)
                {
                    await store.DeleteAsync(doomedVersion, cancellationToken);
                    console.Error.WriteLine($"deleted processor '{package}' version {doomedVersion.Version}");
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Argument<string> ProcessorName()
    {
        var argument = new Argument<string>("name") { Description = "the processor package's name (see: processor list)", HelpName = "NAME" };
        argument.Validators.Add(result =>
        {
            if (Names.Validate(result.GetValueOrDefault<string>(), "processor") is { } error)
            {
                result.AddError(error);
            }
        });
        return argument;
    }

    private static CommandException NoSuchProcessor(string name) => CommandException.Usage($"no processor named '{name}' (see: ./orleansproc processor list)");

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
