using System.Runtime.InteropServices;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;

namespace OrleansProc.Engine.Tests.Parquet;

/// <summary>The address-to-code cache of the Parquet string columns: a remembered address whose bytes changed must give the new bytes' code.</summary>
public sealed class ByteArrayCodeCacheTests : IDisposable
{
    private readonly nint _page = Marshal.AllocHGlobal(64);

    public void Dispose() => Marshal.FreeHGlobal(_page);

    [Fact]
    public void CodeOf_SameAddressAndBytesInLaterBatches_ReturnsTheFirstCode()
    {
        var keys = new Utf8KeyDictionary();
        var cache = new ByteArrayCodeCache();
        Write("SFO");
        cache.StartBatch();
        var first = cache.CodeOf(_page, 3, keys);
        cache.StartBatch();
        var again = cache.CodeOf(_page, 3, keys);

        Assert.Equal(first, again);
        Assert.Equal("SFO", keys.StringOf(again));
        Assert.Equal(1, keys.Count);
    }

    [Fact]
    public void CodeOf_AddressReusedForOtherBytesInALaterBatch_ReturnsTheNewBytesCode()
    {
        var keys = new Utf8KeyDictionary();
        var cache = new ByteArrayCodeCache();
        Write("SFO");
        cache.StartBatch();
        var sfo = cache.CodeOf(_page, 3, keys);
        Write("LAX");
        cache.StartBatch();
        var lax = cache.CodeOf(_page, 3, keys);
        Write("SFO");
        cache.StartBatch();
        var sfoAgain = cache.CodeOf(_page, 3, keys);

        Assert.NotEqual(sfo, lax);
        Assert.Equal("LAX", keys.StringOf(lax));
        Assert.Equal(sfo, sfoAgain);
    }

    [Fact]
    public void CodeOf_SameAddressOtherLength_ReturnsTheLongerValuesCode()
    {
        var keys = new Utf8KeyDictionary();
        var cache = new ByteArrayCodeCache();
        Write("books!");
        cache.StartBatch();
        var books = cache.CodeOf(_page, 5, keys);
        var longer = cache.CodeOf(_page, 6, keys);
        var empty = cache.CodeOf(_page, 0, keys);

        Assert.Equal(["books", "books!", string.Empty], new[] { keys.StringOf(books), keys.StringOf(longer), keys.StringOf(empty) });
    }

    private void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Marshal.Copy(bytes, 0, _page, bytes.Length);
    }
}
