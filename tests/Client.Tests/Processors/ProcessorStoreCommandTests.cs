using OrleansProc.Client.Cli;
using OrleansProc.Client.Processors;

namespace OrleansProc.Client.Tests.Processors;

/// <summary>The cluster side of <c>run</c> and <c>processor upload</c>: what is refused before any cluster is reached.</summary>
public sealed class ProcessorStoreCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("orleansproc-store-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Run_LocalPackageOverDataset_TellsToUploadIt()
    {
        var (code, output, error) = await RunAsync("run", _folder.FullName, "sales");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains($"'{_folder.FullName}' is a local package but 'sales' is a dataset", error, StringComparison.Ordinal);
        Assert.Contains("processor upload", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_VersionInLocalMode_IsABadUsage()
    {
        File.WriteAllText(Path.Join(_folder.FullName, "a.csv"), "k\n1\n");

        var (code, _, error) = await RunAsync("run", _folder.FullName, Path.Join(_folder.FullName, "a.csv"), "--version", "abcd1234");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--version picks a stored version", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_FileNotADll_IsABadUsageNamingIt()
    {
        var text = Path.Join(_folder.FullName, "notes.txt");
        File.WriteAllText(text, "hello");

        var (code, _, error) = await RunAsync("processor", "upload", text);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"'{text}' is not a .dll", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_FolderWithoutProcessor_NothingUploaded()
    {
        File.WriteAllText(Path.Join(_folder.FullName, "readme.txt"), "no assembly here");

        var (code, _, error) = await RunAsync("processor", "upload", _folder.FullName, "--name", "empty");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("nothing was uploaded", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_BadName_IsABadUsage()
    {
        var (code, _, error) = await RunAsync("processor", "upload", _folder.FullName, "--name", "bad name!");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("bad name!", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_Dll_TakesItsFolderAndName()
    {
        var dll = Path.Join(_folder.FullName, "My.Stats.dll");
        File.WriteAllText(dll, "x");

        var source = PackageSource.Of(dll);

        Assert.Equal(_folder.FullName, source.Folder);
        Assert.Equal("My.Stats", source.DefaultName);
    }

    [Fact]
    public void Of_BuildFolder_NamedAfterItsDepsFile()
    {
        File.WriteAllText(Path.Join(_folder.FullName, "Hashing.deps.json"), "{}");

        Assert.Equal("Hashing", PackageSource.Of(_folder.FullName).DefaultName);
    }

    [Theory]
    [InlineData("My Stats+1", "My-Stats-1")]
    [InlineData("ok_name.v2", "ok_name.v2")]
    public void NameOf_Text_KeepsOnlyNameCharacters(string text, string expected) => Assert.Equal(expected, PackageSource.NameOf(text));

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new ConsoleContext { Out = output, Error = error };
        var exitCode = await ClientApplication.RunAsync(args, console);
        return (exitCode, output.ToString(), error.ToString());
    }
}
