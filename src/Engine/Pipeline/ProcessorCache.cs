using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// Compiled processors by key (a job id), so the processor a job's plan compiled once serves every partition and
/// the merge that run in this process. Bounded by count: past <see cref="Capacity"/> the least recently used job's
/// processor goes. A processor is immutable and shared between threads (see <see cref="IPartitionProcessor"/>).
/// </summary>
/// <remarks>
/// An entry is used only for the spec and schema it was compiled for (compared by value), so a key reused with
/// another query is compiled afresh, never answered with a stale processor. Concurrent requests for one key compile
/// once; a compilation that throws is not kept.
/// </remarks>
public sealed class ProcessorCache
{
    /// <summary>The default of <see cref="Capacity"/>: 64 jobs.</summary>
    public const int DefaultCapacity = 64;

    private readonly IProcessorFactory _factory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recent = new();

    public ProcessorCache(IProcessorFactory factory, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _factory = factory;
        Capacity = capacity;
    }

    /// <summary>How many keys the cache holds at most.</summary>
    public int Capacity { get; }

    /// <summary>How many keys it holds now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The processor of <paramref name="key"/> for <paramref name="spec"/> over <paramref name="schema"/>, compiled at most once while cached.</summary>
    /// <exception cref="Processing.QueryException">The spec does not compile.</exception>
    public IPartitionProcessor GetOrCreate(string key, ProcessorSpec spec, TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        var entry = Find(key, spec, schema, () => Task.FromResult(_factory.Create(spec, schema)));
        try
        {
            return entry.Processor.Value.GetAwaiter().GetResult();
        }
        catch
        {
            Remove(entry);
            throw;
        }
    }

    /// <summary>
    /// The processor of <paramref name="key"/> for <paramref name="spec"/> over <paramref name="schema"/>, made by
    /// <paramref name="create"/> at most once while cached: for a processor that must read data first (the broadcast
    /// tables of a join), so a silo reads them once per job whatever number of partitions it runs.
    /// </summary>
    public async Task<IPartitionProcessor> GetOrCreateAsync(
        string key,
        ProcessorSpec spec,
        TableSchema schema,
        Func<CancellationToken, Task<IPartitionProcessor>> create,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(create);
        var entry = Find(key, spec, schema, () => create(CancellationToken.None));
        try
        {
            return await entry.Processor.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Remove(entry);
            throw;
        }
    }

    private Entry Find(string key, ProcessorSpec spec, TableSchema schema, Func<Task<IPartitionProcessor>> create)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && node.Value.Matches(spec, schema))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value;
            }

            var entry = new Entry(key, spec, schema, new Lazy<Task<IPartitionProcessor>>(create, LazyThreadSafetyMode.ExecutionAndPublication));
            Store(entry);
            return entry;
        }
    }

    /// <summary>Keeps a processor compiled elsewhere (the planner's) for <paramref name="key"/>, replacing what the key held.</summary>
    public void Put(string key, ProcessorSpec spec, IPartitionProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(processor);
        lock (_lock)
        {
            Store(new Entry(key, spec, processor.InputSchema, new Lazy<Task<IPartitionProcessor>>(Task.FromResult(processor))));
        }
    }

    private void Store(Entry entry)
    {
        if (_entries.Remove(entry.Key, out var old))
        {
            _recent.Remove(old);
            Release(old.Value);
        }

        _entries[entry.Key] = _recent.AddFirst(entry);
        while (_entries.Count > Capacity)
        {
            var last = _recent.Last!;
            _recent.RemoveLast();
            _entries.Remove(last.Value.Key);
            Release(last.Value);
        }
    }

    /// <summary>
    /// Disposes an evicted or replaced processor that holds resources (a user processor's lease on its package, so an
    /// unused package version is unloaded). A partition still running it keeps its instance: an unloading load context
    /// lives until nothing references it.
    /// </summary>
    private static void Release(Entry entry)
    {
        if (entry.Processor.IsValueCreated && entry.Processor.Value.IsCompletedSuccessfully && entry.Processor.Value.Result is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private void Remove(Entry entry)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(entry.Key, out var node) && ReferenceEquals(node.Value, entry))
            {
                _recent.Remove(node);
                _entries.Remove(entry.Key);
            }
        }
    }

    private sealed record Entry(string Key, ProcessorSpec Spec, TableSchema Schema, Lazy<Task<IPartitionProcessor>> Processor)
    {
        public bool Matches(ProcessorSpec spec, TableSchema schema) =>
            Spec == spec && (ReferenceEquals(Schema, schema) || Schema.Columns.SequenceEqual(schema.Columns));
    }
}
