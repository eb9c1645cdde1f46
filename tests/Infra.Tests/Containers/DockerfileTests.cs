using System.IO.Enumeration;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrleansProc.Infra.Tests.Support;
using OrleansProc.TestSupport;

namespace OrleansProc.Infra.Tests.Containers;

/// <summary>The Dockerfiles read as text (no engine here to build them): stages, pinned tags, user, what is copied.</summary>
public sealed partial class DockerfileTests
{
    private const string SdkImage = "mcr.microsoft.com/dotnet/sdk";

    public static TheoryData<string, string> Images => new()
    {
        { "infra/docker/silo.Dockerfile", "src/Silo/Silo.csproj" },
        { "infra/docker/client.Dockerfile", "src/Client/Client.csproj" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Stages_BuildWithTheSdk_RunOnTheSmallestRuntimeThatFits(string dockerfile, string project)
    {
        var file = Dockerfile.Load(dockerfile);

        Assert.True(file.Stages.Count >= 2, $"{dockerfile}: one stage; expected a build stage and a runtime stage");
        Assert.Equal(SdkImage, file.Stages[0].Repository);
        // A web project (the silo serves its page) needs ASP.NET Core; a console needs only the .NET runtime.
        var expected = IsWebProject(project) ? "mcr.microsoft.com/dotnet/aspnet" : "mcr.microsoft.com/dotnet/runtime";
        Assert.Equal(expected, file.Final.Repository);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void FromTags_AreExactVersions(string dockerfile, string project)
    {
        _ = project;
        foreach (var stage in Dockerfile.Load(dockerfile).Stages)
        {
            Assert.True(ImageReference.IsExactVersion(stage.Tag), $"{dockerfile}: FROM {stage.Image} is not pinned to an exact version");
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void SdkTag_SatisfiesGlobalJson(string dockerfile, string project)
    {
        _ = project;
        var sdk = ImageReference.VersionOf(Dockerfile.Load(dockerfile).Stages[0].Tag!);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "global.json")));
        var pin = json.RootElement.GetProperty("sdk");
        var wanted = Version.Parse(pin.GetProperty("version").GetString()!);
        var rollForward = pin.TryGetProperty("rollForward", out var roll) ? roll.GetString() : "latestPatch";

        Assert.True(sdk >= wanted, $"{dockerfile}: SDK image {sdk} is older than global.json's {wanted}");
        Assert.Equal((wanted.Major, wanted.Minor), (sdk.Major, sdk.Minor));
        if (rollForward is "patch" or "latestPatch")
        {
            Assert.Equal(wanted.Build / 100, sdk.Build / 100);
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void RuntimeTag_MatchesTheTargetFramework(string dockerfile, string project)
    {
        _ = project;
        var runtime = ImageReference.VersionOf(Dockerfile.Load(dockerfile).Final.Tag!);
        var framework = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Build.props")).Descendants("TargetFramework").Single().Value;

        Assert.Equal(framework, $"net{runtime.Major}.{runtime.Minor}");
    }

    [Fact]
    public void RuntimeTags_SameReleaseInBothImages()
    {
        var tags = Images.Select(row => Dockerfile.Load((string)row[0]).Final.Tag).Distinct().ToList();

        Assert.Single(tags);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void FinalStage_RunsAsNonRootUser(string dockerfile, string project)
    {
        _ = project;
        var user = Dockerfile.Load(dockerfile).Final.ArgumentsOf("USER").LastOrDefault();

        Assert.NotNull(user);
        var name = user.Split(':')[0];
        // $APP_UID is the .NET images' non-root user 'app' (1654), set by number so Kubernetes can verify it.
        var nonRoot = name is "$APP_UID" or "${APP_UID}"
            || (int.TryParse(name, out var uid) ? uid > 0 : name is not ("root" or ""));
        Assert.True(nonRoot, $"{dockerfile}: USER {user} is root");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void FinalStage_HoldsOnlyThePublishOutput(string dockerfile, string project)
    {
        var file = Dockerfile.Load(dockerfile);
        var build = file.Stages[0];
        var publish = build.ArgumentsOf("RUN").Single(run => run.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains($"dotnet publish {project} ", publish, StringComparison.Ordinal);
        Assert.Contains("-c Release", publish, StringComparison.Ordinal);
        var output = OutputOption().Match(publish).Groups[1].Value;

        var copies = file.Final.ArgumentsOf("COPY").ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            Assert.Matches($"^--from={Regex.Escape(build.Name!)} {Regex.Escape(output)}/? ", copy);
        }

        Assert.DoesNotContain(file.Final.ArgumentsOf("RUN"), run => run.Contains("dotnet ", StringComparison.Ordinal));
        var assembly = $"OrleansProc.{Path.GetFileNameWithoutExtension(project)}.dll";
        Assert.Contains(assembly, file.Final.ArgumentsOf("ENTRYPOINT").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void BuildStage_CopiesEveryProjectAndBuildFileTheBuildNeeds(string dockerfile, string project)
    {
        var build = Dockerfile.Load(dockerfile).Stages[0];
        var instructions = build.Instructions.ToList();
        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains($"dotnet restore {project}", StringComparison.Ordinal));
        Assert.True(restore > 0, $"{dockerfile}: no RUN dotnet restore {project}");
        var beforeRestore = CopiedPaths(instructions.Take(restore)).ToHashSet();
        var all = CopiedPaths(instructions).ToHashSet();

        // The SDK pin, Central Package Management and the analyzer rule levels at the root: every file MSBuild, the SDK or
        // the compiler reads from there (without .editorconfig the build fails on rules it turns off).
        var rootFiles = Directory.EnumerateFiles(RepositoryRoot.Path)
            .Select(Path.GetFileName)
            .Where(name => name is "global.json" or "NuGet.config" or "nuget.config" or ".editorconfig" || Regex.IsMatch(name!, @"^Directory\..+\.(props|targets)$"))
            .ToList();
        Assert.Contains("Directory.Packages.props", rootFiles);
        foreach (var name in rootFiles)
        {
            Assert.True(beforeRestore.Contains(name!), $"{dockerfile}: {name} is not copied before the restore");
        }

        foreach (var csproj in ProjectGraph.Closure(project))
        {
            Assert.True(beforeRestore.Contains(csproj), $"{dockerfile}: {csproj} is not copied before the restore");
            var folder = Path.GetDirectoryName(csproj)!.Replace('\\', '/') + "/";
            Assert.True(all.Contains(folder), $"{dockerfile}: the sources of {folder} are not copied");
        }
    }

    [Fact]
    public void SiloImage_PublishesReadyToRun_RestoredForTheSameArchitecture()
    {
        var runs = Dockerfile.Load("infra/docker/silo.Dockerfile").Stages[0].ArgumentsOf("RUN").ToList();
        var restore = runs.Single(run => run.Contains("dotnet restore ", StringComparison.Ordinal));
        var publish = runs.Single(run => run.Contains("dotnet publish ", StringComparison.Ordinal));

        // A ReadyToRun publish needs the runtime identifier, and --no-restore needs the restore to have fetched the
        // runtime and crossgen packs for that same identifier.
        Assert.Contains("-p:PublishReadyToRun=true", publish, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", restore, StringComparison.Ordinal);
        Assert.Contains("--no-restore", publish, StringComparison.Ordinal);
        Assert.Contains("--self-contained false", publish, StringComparison.Ordinal);
        var platform = PlatformOption().Match(publish);
        Assert.True(platform.Success, $"the publish names no runtime identifier or architecture: {publish}");
        Assert.Contains(platform.Value, restore, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnore_LeavesOutBuildOutputAndLocalState_KeepsWhatTheBuildCopies()
    {
        var patterns = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".dockerignore"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        foreach (var path in new[] { "bin", "src/Silo/bin", "src/Grains/obj", "infra/node_modules", ".orleansproc", ".git" })
        {
            Assert.True(IsIgnored(patterns, path), $".dockerignore does not leave out {path}");
        }

        foreach (var row in Images)
        {
            foreach (var copied in CopiedPaths(Dockerfile.Load((string)row[0]).Stages[0].Instructions))
            {
                Assert.False(IsIgnored(patterns, copied.TrimEnd('/')), $".dockerignore leaves out {copied}, which {row[0]} copies");
            }
        }
    }

    private static bool IsWebProject(string project)
    {
        var root = XDocument.Load(Path.Combine(RepositoryRoot.Path, project)).Root!;
        return root.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web"
            || root.Descendants("FrameworkReference").Any(f => f.Attribute("Include")?.Value == "Microsoft.AspNetCore.App");
    }

    /// <summary>The sources of the COPY instructions that copy from the build context, with '/' separators.</summary>
    private static IEnumerable<string> CopiedPaths(IEnumerable<DockerfileInstruction> instructions) => instructions
        .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
        .SelectMany(i =>
        {
            var words = i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
            return words[..^1];
        });

    /// <summary>Whether a .dockerignore pattern leaves out the path or a folder above it ("**/" matches at any depth).</summary>
    private static bool IsIgnored(IReadOnlyList<string> patterns, string path)
    {
        var segments = path.Split('/');
        var prefixes = Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments[..n])).ToList();
        var ignored = false;
        foreach (var raw in patterns)
        {
            var negated = raw.StartsWith('!');
            var pattern = (negated ? raw[1..] : raw).TrimEnd('/');
            var anyDepth = pattern.StartsWith("**/", StringComparison.Ordinal);
            var body = anyDepth ? pattern[3..] : pattern;
            var candidates = anyDepth
                ? Enumerable.Range(0, segments.Length).SelectMany(start => Enumerable.Range(start + 1, segments.Length - start).Select(end => string.Join('/', segments[start..end])))
                : prefixes;
            if (candidates.Any(candidate => FileSystemName.MatchesSimpleExpression(body, candidate, ignoreCase: false)))
            {
                ignored = !negated;
            }
        }

        return ignored;
    }

    [GeneratedRegex(@"-o\s+(\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex OutputOption();

    [GeneratedRegex(@"(?<!\S)(-a|-r|--arch|--runtime)\s+\S+", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformOption();
}
