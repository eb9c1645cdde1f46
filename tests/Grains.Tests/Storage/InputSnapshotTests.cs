using OrleansProc.Engine.Schema;
using OrleansProc.Grains.Datasets;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Tests.Storage;

/// <summary><see cref="InputSnapshot"/>'s pure parts: whether a listing is the dataset as registered.</summary>
public sealed class InputSnapshotTests
{
    private static readonly DatasetBlob[] s_registered = [new("d/a.csv", 10, "\"e1\""), new("d/b.csv", 20, "\"e2\"")];

    [Fact]
    public void Unsettled_ListingAsRegistered_Null()
    {
        Assert.Null(InputSnapshot.Unsettled(Manifest(s_registered), s_registered));
    }

    [Fact]
    public void Unsettled_ABlobMissingReplacedOrAdded_SaysSo()
    {
        var manifest = Manifest(s_registered);

        Assert.NotNull(InputSnapshot.Unsettled(manifest, [s_registered[0]]));
        Assert.NotNull(InputSnapshot.Unsettled(manifest, [s_registered[0], s_registered[1] with { ETag = "\"e3\"" }]));
        Assert.NotNull(InputSnapshot.Unsettled(manifest, [.. s_registered, new DatasetBlob("d/c.csv", 5, "\"e4\"")]));
    }

    [Fact]
    public void Unsettled_ManifestWithoutBlobs_Null()
    {
        Assert.Null(InputSnapshot.Unsettled(Manifest(s_registered) with { Blobs = null }, [s_registered[0]]));
    }

    private static DatasetManifest Manifest(IEnumerable<DatasetBlob> blobs) => new()
    {
        Name = "d",
        Format = DataFormat.Csv,
        Columns = [],
        Blobs = blobs.ToDictionary(b => b.Name, b => b.ETag!, StringComparer.Ordinal),
    };
}
