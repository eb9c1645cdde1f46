using OrleansProc.Engine.ProcessorStore;

namespace OrleansProc.Engine.Tests.ProcessorStore;

public sealed class ProcessorPackageManifestTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Latest_Versions_IsTheLastUploaded()
    {
        var versions = new[] { Manifest("aaaa000000000000", Noon), Manifest("bbbb000000000000", Noon.AddMinutes(5)), Manifest("cccc000000000000", Noon.AddMinutes(1)) };

        Assert.Equal("bbbb000000000000", ProcessorPackageManifest.Latest(versions)?.Version);
    }

    [Fact]
    public void Latest_None_IsNull() => Assert.Null(ProcessorPackageManifest.Latest([]));

    [Fact]
    public void Find_UniquePrefix_GivesTheVersion()
    {
        var versions = new[] { Manifest("aaaa111100000000", Noon), Manifest("aaaa222200000000", Noon) };

        var found = ProcessorPackageManifest.Find(versions, "p", "aaaa2", out var error);

        Assert.Null(error);
        Assert.Equal("aaaa222200000000", found?.Version);
    }

    [Fact]
    public void Find_AmbiguousPrefix_NamesTheCandidates()
    {
        var versions = new[] { Manifest("aaaa111100000000", Noon), Manifest("aaaa222200000000", Noon) };

        var found = ProcessorPackageManifest.Find(versions, "p", "aaaa", out var error);

        Assert.Null(found);
        Assert.Contains("ambiguous", error, StringComparison.Ordinal);
        Assert.Contains("aaaa111100000000", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ffff")]
    [InlineData("aa")]
    public void Find_NoMatchOrTooShort_ListsTheVersions(string requested)
    {
        var versions = new[] { Manifest("aaaa111100000000", Noon) };

        var found = ProcessorPackageManifest.Find(versions, "p", requested, out var error);

        Assert.Null(found);
        Assert.Contains("versions: aaaa111100000000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ToJson_RoundTrips()
    {
        var manifest = Manifest("aaaa111100000000", Noon) with
        {
            Files = [new PackageFile("a.dll", 3, "ab")],
            Processors = [new PackageProcessor { Name = "Count", Description = "counts", Kind = "aggregate", Columns = ["country"], ResultColumns = ["n BIGINT"] }],
        };

        var read = ProcessorPackageManifest.FromJson(manifest.ToJson(), "test");

        Assert.Equal(manifest.Files, read.Files);
        Assert.Equal(manifest.Processors[0].Columns, read.Processors[0].Columns);
        Assert.Equal(manifest with { Files = read.Files, Processors = read.Processors }, read);
    }

    [Fact]
    public void FromJson_NotAManifest_NamesTheBlob()
    {
        var error = Assert.Throws<InvalidDataException>(() => ProcessorPackageManifest.FromJson("[1,2"u8, "processors/p/v/_manifest.json"));

        Assert.Contains("processors/p/v/_manifest.json", error.Message, StringComparison.Ordinal);
    }

    private static ProcessorPackageManifest Manifest(string version, DateTimeOffset uploaded) =>
        new() { Name = "p", Version = version, ContentHash = version + "0000", UploadedAt = uploaded, Files = [] };
}
