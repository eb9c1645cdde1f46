using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Pipeline;

public sealed class ProcessorCacheTests
{
    private static readonly TableSchema Schema = new([new ColumnSchema("a", SqlType.BigInt)]);
    private static readonly ProcessorSpec Count = ProcessorSpec.Query("SELECT COUNT(*) FROM t");

    private readonly CountingProcessorFactory _factory = new();

    [Fact]
    public void GetOrCreate_SameJobManyTimes_CompilesOnce()
    {
        var cache = new ProcessorCache(_factory);

        var first = cache.GetOrCreate("job", Count, Schema);
        var again = cache.GetOrCreate("job", Count, new TableSchema([new ColumnSchema("a", SqlType.BigInt)]));

        Assert.Same(first, again);
        Assert.Equal(1, _factory.Compilations);
    }

    [Fact]
    public async Task GetOrCreate_ConcurrentRequests_CompileOnce()
    {
        var cache = new ProcessorCache(_factory);

        var processors = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.GetOrCreate("job", Count, Schema))));

        Assert.All(processors, p => Assert.Same(processors[0], p));
        Assert.Equal(1, _factory.Compilations);
    }

    [Fact]
    public async Task GetOrCreateAsync_ConcurrentRequests_CreateOnce()
    {
        var cache = new ProcessorCache(_factory);
        var created = 0;
        var gate = new TaskCompletionSource();

        async Task<IPartitionProcessor> CreateAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref created);
            await gate.Task.WaitAsync(cancellationToken);
            return ProcessorFactory.Instance.Create(Count, Schema);
        }

        var pending = Enumerable.Range(0, 8).Select(_ => cache.GetOrCreateAsync("job", Count, Schema, CreateAsync)).ToList();
        gate.SetResult();
        var processors = await Task.WhenAll(pending);

        Assert.All(processors, p => Assert.Same(processors[0], p));
        Assert.Equal(1, created);
        Assert.Same(processors[0], cache.GetOrCreate("job", Count, Schema));
    }

    [Fact]
    public async Task GetOrCreateAsync_CreationFails_IsNotKept()
    {
        var cache = new ProcessorCache(_factory);

        await Assert.ThrowsAsync<IOException>(() => cache.GetOrCreateAsync("job", Count, Schema, _ => Task.FromException<IPartitionProcessor>(new IOException("gone"))));
        var processor = await cache.GetOrCreateAsync("job", Count, Schema, _ => Task.FromResult(ProcessorFactory.Instance.Create(Count, Schema)));

        Assert.NotNull(processor);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void GetOrCreate_AfterPut_CompilesNothing()
    {
        var cache = new ProcessorCache(_factory);
        var planned = ProcessorFactory.Instance.Create(Count, Schema);

        cache.Put("job", Count, planned);

        Assert.Same(planned, cache.GetOrCreate("job", Count, Schema));
        Assert.Equal(0, _factory.Compilations);
    }

    [Fact]
    public void GetOrCreate_SameKeyOtherSpecOrSchema_CompilesAfresh()
    {
        var cache = new ProcessorCache(_factory);
        var first = cache.GetOrCreate("job", Count, Schema);

        var otherSpec = cache.GetOrCreate("job", ProcessorSpec.Query("SELECT MAX(a) FROM t"), Schema);
        var otherSchema = cache.GetOrCreate("job", ProcessorSpec.Query("SELECT MAX(a) FROM t"), new TableSchema([new ColumnSchema("a", SqlType.Double)]));

        Assert.NotSame(first, otherSpec);
        Assert.NotSame(otherSpec, otherSchema);
        Assert.Equal(3, _factory.Compilations);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Put_EvictedOrReplaced_DisposesTheProcessorOnce()
    {
        var cache = new ProcessorCache(_factory, capacity: 2);
        var evicted = new DisposalTrackingProcessor(ProcessorFactory.Instance.Create(Count, Schema));
        var replaced = new DisposalTrackingProcessor(ProcessorFactory.Instance.Create(Count, Schema));
        var kept = new DisposalTrackingProcessor(ProcessorFactory.Instance.Create(Count, Schema));
        cache.Put("evicted", Count, evicted);
        cache.Put("replaced", Count, replaced);
        cache.Put("replaced", Count, kept); // replaces
        cache.GetOrCreate("new", Count, Schema); // evicts "evicted", the least recently used

        Assert.Equal(1, evicted.Disposals);
        Assert.Equal(1, replaced.Disposals);
        Assert.Equal(0, kept.Disposals);
        Assert.Same(kept, cache.GetOrCreate("replaced", Count, Schema));
    }

    [Fact]
    public void GetOrCreate_PastCapacity_EvictsTheLeastRecentlyUsedJob()
    {
        var cache = new ProcessorCache(_factory, capacity: 2);
        cache.GetOrCreate("old", Count, Schema);
        cache.GetOrCreate("used", Count, Schema);
        cache.GetOrCreate("used", Count, Schema);
        cache.GetOrCreate("old", Count, Schema); // "old" is now the most recent
        cache.GetOrCreate("new", Count, Schema); // evicts "used"

        Assert.Equal(2, cache.Count);
        Assert.Equal(3, _factory.Compilations);
        cache.GetOrCreate("old", Count, Schema);
        Assert.Equal(3, _factory.Compilations);
        cache.GetOrCreate("used", Count, Schema);
        Assert.Equal(4, _factory.Compilations);
    }

    [Fact]
    public void GetOrCreate_CompilationFails_IsNotKept()
    {
        var cache = new ProcessorCache(_factory);
        var bad = ProcessorSpec.Query("SELECT nope FROM t");

        Assert.Throws<QueryException>(() => cache.GetOrCreate("job", bad, Schema));
        Assert.Throws<QueryException>(() => cache.GetOrCreate("job", bad, Schema));

        Assert.Equal(2, _factory.Compilations);
        Assert.Equal(0, cache.Count);
    }
}
