namespace OrleansProc.Engine.Tests.ProcessorStore;

/// <summary>A temporary package folder with a few files, deleted with the test.</summary>
internal sealed class PackageFolder : IDisposable
{
    public PackageFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orleansproc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "runtimes", "linux"));
        File.WriteAllText(System.IO.Path.Combine(Path, "My.Processor.dll"), "not really an assembly");
        File.WriteAllText(System.IO.Path.Combine(Path, "My.Processor.deps.json"), "{}");
        File.WriteAllBytes(System.IO.Path.Combine(Path, "runtimes", "linux", "native.so"), [1, 2, 3, 0, 255]);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
