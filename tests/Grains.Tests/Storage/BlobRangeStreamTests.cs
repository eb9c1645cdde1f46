using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Tests.Storage;

/// <summary><see cref="BlobRangeStream"/> on the fixture's Azurite: the exact bytes, in few requests.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class BlobRangeStreamTests(GrainClusterFixture fixture)
{
    private const int BlobLength = 3 * 1024 * 1024 + 123;
    private static readonly byte[] s_content = MakeContent();

    [Theory]
    [InlineData(0, 100)]
    [InlineData(0, BlobLength)]
    [InlineData(1_234_567, 1_300_000)]
    [InlineData(BlobLength - 10, BlobLength)]
    [InlineData(5, 10L * BlobLength)]
    public async Task ReadAsync_ToTheEnd_TheBlobsBytesFromThePosition(long position, long plannedEnd)
    {
        var (blob, _) = await BlobAsync();

        await using var stream = await BlobRangeStream.OpenAsync(blob, position, plannedEnd, CancellationToken.None);
        var read = await ReadAllAsync(stream, bufferSize: 65_536);

        Assert.Equal(s_content.AsSpan((int)position).ToArray(), read);
    }

    [Fact]
    public async Task ReadAsync_PositionAtTheEnd_Nothing()
    {
        var (blob, _) = await BlobAsync();

        await using var stream = await BlobRangeStream.OpenAsync(blob, BlobLength, BlobLength + 100, CancellationToken.None);

        Assert.Empty(await ReadAllAsync(stream, bufferSize: 1024));
    }

    [Fact]
    public async Task ReadAsync_WithinThePlannedEndAndSlack_OneRequest()
    {
        var (blob, requests) = await BlobAsync();
        const int Position = 1_000;
        const int PlannedEnd = 2_000_000;

        await using var stream = await BlobRangeStream.OpenAsync(blob, Position, PlannedEnd, CancellationToken.None);
        var wanted = (int)(PlannedEnd - Position + BlobRangeStream.Slack);
        var read = await ReadAsync(stream, wanted);

        Assert.Equal(s_content.AsSpan(Position, wanted).ToArray(), read);
        Assert.Equal(1, requests.Count);
    }

    [Fact]
    public async Task ReadAsync_FarPastThePlannedEnd_FewGrowingRequests()
    {
        var (blob, requests) = await BlobAsync();

        await using var stream = await BlobRangeStream.OpenAsync(blob, 0, 1, CancellationToken.None);
        var read = await ReadAllAsync(stream, bufferSize: 1 << 20);

        // The slack, then 1 MiB, then 2 MiB (cut short at the blob's end): 3 requests for 3 MiB, where one request per
        // 4 MiB buffer would need no more, but a 100 MiB range would need 25 and a properties request.
        Assert.Equal(s_content, read);
        Assert.Equal(3, requests.Count);
    }

    [Fact]
    public async Task ReadAsync_BlobReplacedBetweenChunks_FailsWithConditionNotMet()
    {
        var container = fixture.Blobs.GetBlobContainerClient("rangestream");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("replaced.bin");
        await blob.UploadAsync(BinaryData.FromBytes(s_content), overwrite: true);

        await using var stream = await BlobRangeStream.OpenAsync(blob, 0, 1, CancellationToken.None);
        var first = await ReadAsync(stream, (int)BlobRangeStream.Slack + 1);
        await blob.UploadAsync(BinaryData.FromBytes(new byte[BlobLength]), overwrite: true);
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => ReadAllAsync(stream, bufferSize: 65_536));

        Assert.Equal(s_content.AsSpan(0, first.Length).ToArray(), first);
        Assert.Equal(412, failure.Status);
    }

    [Fact]
    public async Task OpenAsync_PinnedToAReplacedVersion_FailsWithConditionNotMet()
    {
        var container = fixture.Blobs.GetBlobContainerClient("rangestream");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("pinned.bin");
        var planned = await blob.UploadAsync(BinaryData.FromBytes(s_content), overwrite: true);
        await blob.UploadAsync(BinaryData.FromBytes(new byte[BlobLength]), overwrite: true);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => BlobRangeStream.OpenAsync(blob, 0, 100, planned.Value.ETag, BlobLength, CancellationToken.None));

        Assert.Equal(412, failure.Status);
    }

    [Fact]
    public async Task OpenAsync_PinnedLengthPastTheBlobsEnd_FailsWithConditionNotMet()
    {
        var (blob, _) = await BlobAsync();

        var failure = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await using var stream = await BlobRangeStream.OpenAsync(blob, BlobLength - 10, BlobLength + 100, null, BlobLength + 1_000, CancellationToken.None);
            await ReadAllAsync(stream, bufferSize: 1024);
        });

        Assert.Equal(412, failure.Status);
    }

    private async Task<(BlobClient Blob, RequestCounter Requests)> BlobAsync()
    {
        var container = fixture.Blobs.GetBlobContainerClient("rangestream");
        await container.CreateIfNotExistsAsync();
        var name = "content.bin";
        if (!await container.GetBlobClient(name).ExistsAsync())
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(s_content), overwrite: true);
        }

        var requests = new RequestCounter();
        var options = new BlobClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        return (new BlobServiceClient(fixture.ConnectionString, options).GetBlobContainerClient("rangestream").GetBlobClient(name), requests);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int bufferSize)
    {
        using var all = new MemoryStream();
        var buffer = new byte[bufferSize];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            all.Write(buffer, 0, n);
        }

        return all.ToArray();
    }

    private static async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        var length = 0;
        while (length < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length));
            Assert.True(n > 0, $"the stream ended after {length} of {count} bytes");
            length += n;
        }

        return buffer;
    }

    private static byte[] MakeContent()
    {
        var content = new byte[BlobLength];
        new Random(11).NextBytes(content);
        return content;
    }

    /// <summary>Counts the requests a client sends.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => _count;

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
