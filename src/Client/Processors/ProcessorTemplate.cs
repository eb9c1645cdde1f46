using System.Globalization;
using System.Security;
using System.Text;
using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Processors;

/// <summary>
/// The project <c>processor new NAME</c> writes: a class library referencing the OrleansProc.Sdk.dll that ships beside
/// the client (not copied into the build output), one processor class, a README and an empty Directory.Build.props (so
/// the settings of folders above do not apply). It builds offline with <c>dotnet build</c>.
/// </summary>
internal static class ProcessorTemplate
{
    /// <summary>The SDK assembly's file name, beside the client.</summary>
    public const string SdkFileName = "OrleansProc.Sdk.dll";

    /// <summary>True for a usable processor name: a letter, then letters, digits, '-' or '_' (at most 64).</summary>
    public static bool IsValidName(string name) =>
        name is { Length: > 0 and <= 64 } && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The class name of <paramref name="name"/>: PascalCase, without '-' and '_'.</summary>
    public static string ClassName(string name)
    {
        var text = new StringBuilder();
        foreach (var part in name.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return text.ToString();
    }

    /// <summary>Writes the project of processor <paramref name="name"/> into <paramref name="folder"/> and returns the files written.</summary>
    /// <exception cref="CommandException">The name is not valid, the folder holds files already, or the SDK assembly is not beside the client.</exception>
    public static IReadOnlyList<string> Write(string name, string folder, string sdkAssembly)
    {
        if (!IsValidName(name))
        {
            throw CommandException.Usage($"invalid processor name '{name}': start with a letter, then letters, digits, '-' or '_' (at most 64)");
        }

        if (!File.Exists(sdkAssembly))
        {
            throw new CommandException($"the SDK assembly '{sdkAssembly}' is missing: rebuild the client (./orleansproc builds it)");
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw CommandException.Usage($"the folder '{folder}' is not empty: give another --output");
        }

        Directory.CreateDirectory(folder);
        var className = ClassName(name);
        var files = new List<string>();
        void Write(string file, string text)
        {
            var path = Path.Join(folder, file);
            File.WriteAllText(path, text.ReplaceLineEndings("\n"));
            files.Add(path);
        }

        Write(className + ".csproj", Project(Path.GetFullPath(sdkAssembly)));
        Write(className + ".cs", Processor(name, className));
        Write("Directory.Build.props", "<Project>\n  <!-- Keeps the build settings of the folders above out of this project. -->\n</Project>\n");
        Write("README.md", Readme(name, className));
        return files;
    }

    private static string Project(string sdkAssembly) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <!-- The SDK ships with OrleansProc: referenced, never copied into the package. -->
            <Reference Include="OrleansProc.Sdk">
              <HintPath>{SecurityElement.Escape(sdkAssembly)}</HintPath>
              <Private>false</Private>
            </Reference>
          </ItemGroup>
        </Project>

        """;

    private static string Processor(string name, string className) => string.Create(CultureInfo.InvariantCulture, $$"""
        using OrleansProc.Sdk;

        namespace {{className}};

        /// <summary>Counts records per value of the country column. Edit Columns, Process, ResultColumns and Finish.</summary>
        [Processor("{{name}}", Description = "records per country")]
        public sealed class {{className}} : AggregateProcessor<Dictionary<string, long>>
        {
            public override IReadOnlyList<string> Columns => ["country"];

            public override IReadOnlyList<ResultColumn> ResultColumns => [new("country", ResultType.Text), new("n", ResultType.Integer)];

            public override void Process(IRecord record, Dictionary<string, long> state, ProcessorContext context)
            {
                var key = record.GetString(0) ?? "";
                state[key] = state.GetValueOrDefault(key) + 1;
            }

            public override void Merge(Dictionary<string, long> target, Dictionary<string, long> source)
            {
                foreach (var (key, n) in source)
                {
                    target[key] = target.GetValueOrDefault(key) + n;
                }
            }

            public override IEnumerable<object?[]> Finish(Dictionary<string, long> merged, ProcessorContext context) =>
                merged.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new object?[] { p.Key, p.Value });
        }

        """);

    private static string Readme(string name, string className) => $"""
        # {name}

        An OrleansProc processor (`{className}.cs`). Build it with `dotnet build -c Release`, then run it over local files
        with `./orleansproc run PATH-TO-THIS-FOLDER 'data/*.csv' [--arg key=value]...` (the folder is built for you).

        """;
}
