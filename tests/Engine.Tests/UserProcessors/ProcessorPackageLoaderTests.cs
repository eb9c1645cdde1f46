using System.Runtime.CompilerServices;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.UserProcessors;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.Tests.UserProcessors;

public sealed class ProcessorPackageLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Acquire_TestPackage_FindsEveryProcessorWithItsNameDescriptionAndColumns()
    {
        var loader = new ProcessorPackageLoader();
        using var package = loader.Acquire(ProcessorPackages.Folder(ProcessorPackages.TestProcessors));

        Assert.Equal(["big-orders", "country-totals", "missing-column", "thrower"], package.Processors.Select(p => p.Name).Order(StringComparer.Ordinal));
        var totals = package.Processors.Single(p => p.Name == "country-totals");
        Assert.Equal("OrleansProc.TestProcessors.CountryTotals", totals.ClassName);
        Assert.Equal("records and total amount per country", totals.Description);
        Assert.False(totals.IsMap);
        Assert.Equal(["country", "amount"], totals.Columns);
        Assert.Equal([new ResultColumn("country", ResultType.Text), new ResultColumn("n", ResultType.Integer), new ResultColumn("total", ResultType.Double)], totals.ResultColumns);
        Assert.True(package.Processors.Single(p => p.Name == "big-orders").IsMap);
    }

    [Fact]
    public void Acquire_TypesOfThePackage_AreTheHostsSdkTypes()
    {
        var loader = new ProcessorPackageLoader();
        using var package = loader.Acquire(ProcessorPackages.Folder(ProcessorPackages.TestProcessors));

        var (_, instance) = package.Create("thrower");

        Assert.IsAssignableFrom<Processor>(instance);
        Assert.NotSame(typeof(Processor).Assembly, instance.GetType().Assembly);
        Assert.True(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(instance.GetType().Assembly)!.IsCollectible);
    }

    [Fact]
    public void Acquire_SameFolderTwice_LoadsItOnce()
    {
        var loader = new ProcessorPackageLoader();
        var folder = ProcessorPackages.Folder(ProcessorPackages.TestProcessors);

        using var first = loader.Acquire(folder);
        using var second = loader.Acquire(folder + "/");

        Assert.Equal(1, loader.LoadedCount);
        Assert.Same(first.Processors, second.Processors);
    }

    [Fact]
    public void Create_NoNameInPackageOfSeveral_ErrorListsThem()
    {
        using var package = new ProcessorPackageLoader().Acquire(ProcessorPackages.Folder(ProcessorPackages.TestProcessors));

        var e = Assert.Throws<QueryException>(() => package.Create());

        Assert.Contains("holds 4 processors (big-orders, country-totals, missing-column, thrower): pick one with PACKAGE:NAME", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownName_ErrorListsTheProcessors()
    {
        using var package = new ProcessorPackageLoader().Acquire(ProcessorPackages.Folder(ProcessorPackages.TestProcessors));

        var e = Assert.Throws<QueryException>(() => package.Create("nope"));

        Assert.Contains("no processor named 'nope'", e.Message, StringComparison.Ordinal);
        Assert.Contains("it holds: big-orders, country-totals, missing-column, thrower", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoNameInPackageOfOne_GivesItsProcessor()
    {
        using var package = new ProcessorPackageLoader().Acquire(ProcessorPackages.Folder(ProcessorPackages.Sha256Rounds));

        var (info, instance) = package.Create();

        Assert.Equal("sha256-rounds", info.Name);
        Assert.Equal("OrleansProc.Samples.Sha256Rounds", instance.GetType().FullName);
    }

    [Fact]
    public void Acquire_MissingFolder_ThrowsNamingIt()
    {
        var missing = Path.Join(_folder.Path, "nowhere");

        var e = Assert.Throws<QueryException>(() => new ProcessorPackageLoader().Acquire(missing));

        Assert.Contains($"'{missing}' does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_FolderWithoutProcessorAssembly_ThrowsSayingWhatToGive()
    {
        _folder.Write("pkg/readme.txt", "not a package");
        File.Copy(typeof(Processor).Assembly.Location, _folder.File("pkg/OrleansProc.Sdk.dll"));
        File.WriteAllBytes(_folder.File("pkg/native.dll"), [1, 2, 3, 4]);

        var e = Assert.Throws<QueryException>(() => new ProcessorPackageLoader().Acquire(Path.Join(_folder.Path, "pkg")));

        Assert.Contains("references OrleansProc.Sdk", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_LastLeaseAfterARun_UnloadsThePackageAndItsContextIsCollected()
    {
        var loader = new ProcessorPackageLoader();
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 2_000, 2);

        var context = await RunAndReleaseAsync(loader, files);
        await Task.Yield(); // off the stack the run ended on, whose frames may still hold the processor

        Assert.Equal(0, loader.LoadedCount);
        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "the processor package's load context is still alive after its last lease was released");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunAndReleaseAsync(ProcessorPackageLoader loader, IReadOnlyList<string> files)
    {
        var spec = ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "country-totals");
        WeakReference context;
        using (var package = loader.Acquire(spec.PackageFolder!))
        {
            context = package.LoadContextReference();
            var result = await ProcessorPackages.RunAsync(spec, files, factory: new ProcessorFactory(loader: loader));
            Assert.Equal(2_000, result.Table.Rows.Sum(r => r[1].Int64));
            Assert.Equal(1, loader.LoadedCount);
        }

        return context;
    }
}
