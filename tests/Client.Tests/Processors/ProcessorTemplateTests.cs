using OrleansProc.Client.Cli;
using OrleansProc.Client.Processors;

namespace OrleansProc.Client.Tests.Processors;

public sealed class ProcessorTemplateTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("orleansproc-template-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("top-countries", "TopCountries")]
    [InlineData("log_stats2", "LogStats2")]
    [InlineData("x", "X")]
    public void ClassName_Name_IsPascalCase(string name, string expected) => Assert.Equal(expected, ProcessorTemplate.ClassName(name));

    [Theory]
    [InlineData("top-countries", true)]
    [InlineData("2fast", false)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    [InlineData("dots.not", false)]
    public void IsValidName_Name_AcceptsIdentifiersWithDashes(string name, bool expected) => Assert.Equal(expected, ProcessorTemplate.IsValidName(name));

    [Fact]
    public void Write_NewFolder_WritesProjectClassReadmeAndIsolatingProps()
    {
        var sdk = typeof(Sdk.Processor).Assembly.Location;
        var folder = Path.Join(_folder.FullName, "top");

        var files = ProcessorTemplate.Write("top-countries", folder, sdk);

        Assert.Equal(["Directory.Build.props", "README.md", "TopCountries.cs", "TopCountries.csproj"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var project = File.ReadAllText(Path.Join(folder, "TopCountries.csproj"));
        Assert.Contains($"<HintPath>{sdk}</HintPath>", project, StringComparison.Ordinal);
        Assert.Contains("<Private>false</Private>", project, StringComparison.Ordinal);
        Assert.Contains("[Processor(\"top-countries\"", File.ReadAllText(Path.Join(folder, "TopCountries.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FolderWithFiles_IsRefused()
    {
        File.WriteAllText(Path.Join(_folder.FullName, "keep.txt"), "mine");

        var e = Assert.Throws<CommandException>(() => ProcessorTemplate.Write("p", _folder.FullName, typeof(Sdk.Processor).Assembly.Location));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("is not empty", e.Message, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], _folder.GetFiles().Select(f => f.Name));
    }

    [Theory]
    [InlineData("pkg/bin:top", "pkg/bin", "top")]
    [InlineData("pkg/bin", "pkg/bin", null)]
    [InlineData("./a.dll:x-y", "./a.dll", "x-y")]
    [InlineData("dir:with/slash", "dir:with/slash", null)]
    public void Parse_PackageWithOrWithoutName_SplitsAtTheLastColon(string text, string path, string? name) =>
        Assert.Equal(new ProcessorPackageReference(path, name), ProcessorPackageReference.Parse(text));
}
