using OrleansProc.Engine.Local;

namespace OrleansProc.Engine.Tests.Local;

/// <summary><see cref="LocalJobRunner.ExpandPaths"/>: files, folders and globs.</summary>
public sealed class PathGlobTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public PathGlobTests()
    {
        foreach (var name in new[] { "data/b.csv", "data/a.csv", "data/notes.txt", "data/sub/c.csv", "data/sub/deeper/d.csv", "logs/2024/x.jsonl", "logs/2025/01/y.jsonl", "logs/z.jsonl", "logs/skip.txt" })
        {
            _folder.Write(name, "x\n");
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ExpandPaths_File_ReturnsIt()
    {
        var file = Path.Join(_folder.Path, "data", "a.csv");
        Assert.Equal([file], LocalJobRunner.ExpandPaths(file));
    }

    [Fact]
    public void ExpandPaths_Folder_ReturnsEveryFileRecursivelySorted()
    {
        var data = Path.Join(_folder.Path, "data");
        Assert.Equal(Full("data/a.csv", "data/b.csv", "data/notes.txt", "data/sub/c.csv", "data/sub/deeper/d.csv"), LocalJobRunner.ExpandPaths(data));
    }

    [Theory]
    [InlineData("data/*.csv", new[] { "data/a.csv", "data/b.csv" })]
    [InlineData("data/?.csv", new[] { "data/a.csv", "data/b.csv" })]
    [InlineData("data/*", new[] { "data/a.csv", "data/b.csv", "data/notes.txt" })]
    [InlineData("data/**/*.csv", new[] { "data/a.csv", "data/b.csv", "data/sub/c.csv", "data/sub/deeper/d.csv" })]
    [InlineData("data/**", new[] { "data/a.csv", "data/b.csv", "data/notes.txt", "data/sub/c.csv", "data/sub/deeper/d.csv" })]
    [InlineData("logs/**/*.jsonl", new[] { "logs/2024/x.jsonl", "logs/2025/01/y.jsonl", "logs/z.jsonl" })]
    [InlineData("logs/*/*.jsonl", new[] { "logs/2024/x.jsonl" })]
    [InlineData("*/sub/*.csv", new[] { "data/sub/c.csv" })]
    [InlineData("d?ta/s*/deeper/*.csv", new[] { "data/sub/deeper/d.csv" })]
    [InlineData("**/**/d.csv", new[] { "data/sub/deeper/d.csv" })]
    public void ExpandPaths_Glob_ReturnsMatchesSortedOrdinally(string pattern, string[] expected)
    {
        Assert.Equal(Full(expected), LocalJobRunner.ExpandPaths(Path.Join(_folder.Path, pattern)));
    }

    [Fact]
    public void ExpandPaths_LinkToAFile_ReturnsTheLink()
    {
        var link = Path.Join(_folder.Path, "data", "link.csv");
        File.CreateSymbolicLink(link, Path.Join(_folder.Path, "data", "a.csv"));

        Assert.Equal([link], LocalJobRunner.ExpandPaths(link));
        Assert.Contains(link, LocalJobRunner.ExpandPaths(Path.Join(_folder.Path, "data", "*.csv")));
    }

    [Theory]
    [InlineData("data/gone.csv")]
    [InlineData("data/*.csv")]
    [InlineData("data")]
    public void ExpandPaths_BrokenLinkAmongTheFiles_ThrowsNamingTheLinkAndItsTarget(string pattern)
    {
        var link = Path.Join(_folder.Path, "data", "gone.csv");
        var target = Path.Join(_folder.Path, "nowhere", "gone.csv");
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<FileNotFoundException>(() => LocalJobRunner.ExpandPaths(Path.Join(_folder.Path, pattern)));

        Assert.Contains($"'{link}' is a link to '{target}', which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandPaths_LoopOfLinks_ThrowsNamingTheLink()
    {
        var first = Path.Join(_folder.Path, "data", "loop1.csv");
        var second = Path.Join(_folder.Path, "data", "loop2.csv");
        File.CreateSymbolicLink(first, second);
        File.CreateSymbolicLink(second, first);

        var error = Assert.Throws<FileNotFoundException>(() => LocalJobRunner.ExpandPaths(first));

        Assert.Contains($"'{first}' is a link to '{second}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandPaths_RelativeGlob_StaysRelative()
    {
        var saved = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _folder.Path;
            Assert.Equal(["data/a.csv", "data/b.csv"], LocalJobRunner.ExpandPaths("data/*.csv").Select(p => p.Replace('\\', '/')));
            Assert.Equal(["logs/2024/x.jsonl", "logs/2025/01/y.jsonl", "logs/z.jsonl"], LocalJobRunner.ExpandPaths("**/*.jsonl").Select(p => p.Replace('\\', '/')));
        }
        finally
        {
            Environment.CurrentDirectory = saved;
        }
    }

    [Theory]
    [InlineData("data/*.parquet")]
    [InlineData("nothing/**/*.csv")]
    [InlineData("missing.csv")]
    [InlineData("data/sub/deeper/*.txt")]
    public void ExpandPaths_NoneFound_ThrowsFileNotFoundNamingThePattern(string pattern)
    {
        var full = Path.Join(_folder.Path, pattern);
        var e = Assert.Throws<FileNotFoundException>(() => LocalJobRunner.ExpandPaths(full));
        Assert.Contains(full, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandPaths_EmptyFolder_ThrowsFileNotFound()
    {
        var empty = Path.Join(_folder.Path, "empty");
        Directory.CreateDirectory(empty);
        var e = Assert.Throws<FileNotFoundException>(() => LocalJobRunner.ExpandPaths(empty));
        Assert.Contains(empty, e.Message, StringComparison.Ordinal);
    }

    private string[] Full(params string[] relative) =>
        [.. relative.Select(r => Path.Join(_folder.Path, r.Replace('/', Path.DirectorySeparatorChar)))];
}
