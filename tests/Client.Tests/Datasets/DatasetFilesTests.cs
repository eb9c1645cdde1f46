using OrleansProc.Client.Cli;
using OrleansProc.Client.Datasets;

namespace OrleansProc.Client.Tests.Datasets;

public sealed class DatasetFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orleansproc-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Touch(string relative, string content = "a\n")
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("a.csv", "csv")]
    [InlineData("a.CSV.gz", "csv")]
    [InlineData("a.jsonl", "jsonl")]
    [InlineData("a.json", "jsonl")]
    [InlineData("a.ndjson.gz", "jsonl")]
    [InlineData("a.txt", "text")]
    [InlineData("a.log", "text")]
    [InlineData("a.parquet", "parquet")]
    [InlineData("a.orc", null)]
    [InlineData("a.gz", null)]
    public void FormatOf_Extension_Format(string name, string? expected)
    {
        Assert.Equal(expected, DatasetFiles.FormatOf(name));
    }

    [Theory]
    [InlineData("PAR1\u0015\u0004", "parquet")]
    [InlineData("PAR", null)]
    [InlineData("id,name\n", null)]
    public void FormatOf_FileWithoutKnownExtension_ParquetByItsMagic(string content, string? expected)
    {
        var path = Touch("data.bin", content);
        Assert.Equal(expected, DatasetFiles.FormatOf(new LocalFile(path, "data.bin", new FileInfo(path).Length)));
    }

    [Fact]
    public void Collect_Folder_RecursiveRelativeNamesWithForwardSlashesSkippingHiddenAndUnderscored()
    {
        Touch("b.csv");
        Touch("2024/01/a.csv", "abc\n");
        Touch(".hidden.csv");
        Touch("_SUCCESS");
        Touch("_tmp/x.csv");

        var files = DatasetFiles.Collect([_folder]);

        Assert.Equal(["2024/01/a.csv", "b.csv"], files.Select(f => f.RelativeName));
        Assert.Equal(4, files[0].Length);
    }

    [Fact]
    public void Collect_FileAndFolderWithTheSameName_RefusedAsDuplicate()
    {
        var single = Touch("x/a.csv");
        Touch("y/a.csv");

        var error = Assert.Throws<CommandException>(() => DatasetFiles.Collect([single, Path.Combine(_folder, "y")]));

        Assert.Equal(2, error.ExitCode);
        Assert.Contains("'a.csv'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_BrokenLinkInAFolder_RefusedNamingTheLinkAndItsTarget()
    {
        Touch("x/a.csv");
        var link = Path.Combine(_folder, "x", "b.csv");
        var target = Path.Combine(_folder, "nowhere.csv");
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<CommandException>(() => DatasetFiles.Collect([Path.Combine(_folder, "x")]));

        Assert.Equal(2, error.ExitCode);
        Assert.Contains($"'{link}' is a link to '{target}', which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveFormat_MixedExtensions_Refused()
    {
        Touch("a.csv");
        Touch("b.jsonl");

        var error = Assert.Throws<CommandException>(() => DatasetFiles.ResolveFormat(DatasetFiles.Collect([_folder]), given: null));

        Assert.Equal(2, error.ExitCode);
        Assert.Contains("mix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveFormat_UnknownExtensionWithoutFormat_AsksForFormat()
    {
        Touch("a.dat");

        var error = Assert.Throws<CommandException>(() => DatasetFiles.ResolveFormat(DatasetFiles.Collect([_folder]), given: null));

        Assert.Contains("--format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveFormat_Given_WinsOverExtensions()
    {
        Touch("a.dat");

        Assert.Equal("text", DatasetFiles.ResolveFormat(DatasetFiles.Collect([_folder]), given: "text"));
    }

    [Fact]
    public void ResolveFormat_GzippedAndPlainCsv_Csv()
    {
        Touch("a.csv");
        Touch("b.csv.gz");

        Assert.Equal("csv", DatasetFiles.ResolveFormat(DatasetFiles.Collect([_folder]), given: null));
    }
}
